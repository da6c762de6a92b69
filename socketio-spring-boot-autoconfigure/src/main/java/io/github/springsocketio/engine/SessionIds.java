package io.github.springsocketio.engine;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates the identifiers of sessions and sockets: 15 random bytes from a {@link SecureRandom}, URL-safe base64
 * encoded without padding, so always 20 characters of {@code [A-Za-z0-9_-]} as in Node.js. A session id is a bearer
 * credential, hence unguessable; sid-routing proxies expect exactly this shape.
 */
public final class SessionIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private SessionIds() {
	}

	/**
	 * A new random identifier.
	 * @return 20 URL-safe characters
	 */
	public static String next() {
		byte[] bytes = new byte[15];
		RANDOM.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

}
