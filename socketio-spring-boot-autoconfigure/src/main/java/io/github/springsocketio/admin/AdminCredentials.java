package io.github.springsocketio.admin;

import java.util.Objects;

/**
 * The one user who may sign in to the admin namespace, as the {@code auth: {type: "basic"}} option of
 * {@code @socket.io/admin-ui}.
 *
 * @param username the user name
 * @param passwordHash the hash of the password, e.g. a bcrypt hash
 * @param verifier checks a password against the hash
 */
public record AdminCredentials(String username, String passwordHash, PasswordVerifier verifier) {

	public AdminCredentials {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(passwordHash, "passwordHash");
		Objects.requireNonNull(verifier, "verifier");
	}

	@Override
	public String toString() {
		return "AdminCredentials[username=" + this.username + "]";
	}

}
