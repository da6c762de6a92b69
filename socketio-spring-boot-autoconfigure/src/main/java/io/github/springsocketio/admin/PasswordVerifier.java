package io.github.springsocketio.admin;

/**
 * Tells whether a password matches a stored hash, such as a bcrypt hash. It is slow on purpose, so the admin
 * namespace calls it off the event loops.
 *
 * <pre>{@code PasswordVerifier bcrypt = new BCryptPasswordEncoder()::matches;}</pre>
 */
@FunctionalInterface
public interface PasswordVerifier {

	/**
	 * @param password the password a client sent
	 * @param hash the stored hash
	 * @return whether they match
	 */
	boolean matches(String password, String hash);

}
