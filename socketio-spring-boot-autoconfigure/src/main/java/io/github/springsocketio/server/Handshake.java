package io.github.springsocketio.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import io.github.springsocketio.engine.HandshakeRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a socket connected: the first HTTP request of its connection and the auth payload of its CONNECT packet. The
 * fields and their order are those of the Node.js server's {@code socket.handshake}, as cluster messages carry it.
 *
 * @param headers the request headers, lower-case names
 * @param time the creation time in JavaScript's {@code Date} string form
 * @param address the client's IP address
 * @param xdomain whether the request had an {@code Origin} header
 * @param secure whether it came over TLS
 * @param issued the creation time, epoch milliseconds
 * @param url the request target
 * @param query the query parameters
 * @param auth the CONNECT payload, an empty object if the client sent none
 */
public record Handshake(Map<String, String> headers, String time, String address, boolean xdomain, boolean secure,
		long issued, String url, Map<String, String> query, ObjectNode auth) {

	private static final DateTimeFormatter JS_DATE = DateTimeFormatter
		.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx '(Coordinated Universal Time)'", Locale.US)
		.withZone(ZoneOffset.UTC);

	/** The last second formatted: the sockets created within one second share its text, as a server holds each. */
	private static volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, "");

	static Handshake of(HandshakeRequest request, ObjectNode auth) {
		return new Handshake(request.headers(), jsDate(request.issued()),
				request.remoteAddress(), request.crossDomain(), request.secure(), request.issued(), request.url(),
				request.query(), auth);
	}

	/** @return a time as JavaScript's {@code Date#toString()} gives it, which shows whole seconds */
	static String jsDate(long epochMillis) {
		long second = Math.floorDiv(epochMillis, 1000);
		FormattedSecond last = lastSecond;
		if (last.second() != second) {
			last = new FormattedSecond(second, JS_DATE.format(Instant.ofEpochSecond(second)));
			lastSecond = last;
		}
		return last.text();
	}

	private record FormattedSecond(long second, String text) {
	}

	/**
	 * One value of the auth payload.
	 * <pre>{@code String token = socket.handshake().auth("token");}</pre>
	 * @param name the property
	 * @return its text, or {@code null} when absent or not a string
	 */
	public @Nullable String auth(String name) {
		JsonNode value = this.auth.get(name);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/**
	 * One request header.
	 * @param name the name, any case
	 * @return its value, or {@code null}
	 */
	public @Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

}
