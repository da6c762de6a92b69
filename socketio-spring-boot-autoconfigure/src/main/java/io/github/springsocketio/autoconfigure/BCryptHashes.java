package io.github.springsocketio.autoconfigure;

import java.util.regex.Pattern;

/**
 * Tells a bcrypt hash from anything else, as {@code bcryptjs.getRounds} does when the Node.js package starts: a
 * password given where its hash belongs must stop the start-up, not lock everyone out.
 */
final class BCryptHashes {

	private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

	private BCryptHashes() {
	}

	static boolean isValid(String hash) {
		return HASH.matcher(hash).matches();
	}

}
