package io.github.springsocketio.admin;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCrypt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The password check the admin namespace relies on: a bcrypt hash made by bcryptjs (as the Node.js package's users
 * make them) matches its password only, and the credentials never show the hash.
 */
class AdminCredentialsTests {

	private final AdminCredentials credentials = new AdminCredentials("admin",
			AdminUiDashboardTests.CHANGEIT_HASH, BCrypt::checkpw);

	@Test
	void aBcryptjsHashMatchesItsPasswordOnly() {
		assertThat(this.credentials.verifier().matches("changeit", this.credentials.passwordHash())).isTrue();
		assertThat(this.credentials.verifier().matches("changeme", this.credentials.passwordHash())).isFalse();
	}

	@Test
	void theCredentialsNeverShowTheHash() {
		assertThat(this.credentials.toString()).doesNotContain("$2a$");
	}

}
