package io.github.springsocketio.adapter.redis;

import java.security.SecureRandom;

/**
 * The ids of the Redis PUB/SUB adapter: 6 characters of {@code A-Z a-z 0-9 - _}, the form of Node's {@code uid2(6)}.
 */
final class RedisAdapterIds {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private RedisAdapterIds() {
	}

	/** @return a new adapter id; never {@code emitter}, which has 7 characters */
	static String uid() {
		StringBuilder id = new StringBuilder(6);
		for (int i = 0; i < 6; i++) {
			id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return id.toString();
	}

}
