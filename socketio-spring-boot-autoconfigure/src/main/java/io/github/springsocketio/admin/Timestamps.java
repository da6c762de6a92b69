package io.github.springsocketio.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The time of a reported event in the form JavaScript's {@code JSON.stringify(new Date())} gives it, which the
 * dashboard parses back into a date.
 */
final class Timestamps {

	private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private Timestamps() {
	}

	static String now() {
		return ISO_MILLIS.format(Instant.now());
	}

}
