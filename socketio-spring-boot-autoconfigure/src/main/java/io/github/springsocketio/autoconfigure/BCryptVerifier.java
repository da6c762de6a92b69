package io.github.springsocketio.autoconfigure;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Checks a password against a bcrypt hash with Spring Security's crypto module, loaded only when that is present.
 */
final class BCryptVerifier {

	private BCryptVerifier() {
	}

	static boolean matches(String password, String hash) {
		return BCrypt.checkpw(password, hash);
	}

}
