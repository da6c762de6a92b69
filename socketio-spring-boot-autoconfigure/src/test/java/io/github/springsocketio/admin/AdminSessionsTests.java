package io.github.springsocketio.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session ids are random, honoured until they expire, and bounded in number, the oldest going first.
 */
class AdminSessionsTests {

	@Test
	void anIssuedIdIsValidAndAnUnknownOneIsNot() {
		AdminSessions sessions = new AdminSessions(Duration.ofDays(1));

		String id = AdminAuthentication.newSessionId();
		sessions.save(id).block();

		assertThat(id).matches("[0-9a-f]{16}").isNotEqualTo(AdminAuthentication.newSessionId());
		assertThat(sessions.exists(id).block()).isTrue();
		assertThat(sessions.exists("0123456789abcdef").block()).isFalse();
	}

	@Test
	void anIdExpires() {
		AdminSessions sessions = new AdminSessions(Duration.ofMillis(50));

		String id = AdminAuthentication.newSessionId();
		sessions.add(id);

		await().atMost(Duration.ofSeconds(5)).until(() -> !sessions.isValid(id));
		assertThat(sessions.size()).isZero();
	}

	@Test
	void pastTheLimitTheOldestIdsAreDropped() {
		AdminSessions sessions = new AdminSessions(Duration.ofDays(1));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < AdminSessions.MAX_SESSIONS + 10; i++) {
			String id = AdminAuthentication.newSessionId();
			sessions.add(id);
			ids.add(id);
		}

		assertThat(sessions.size()).isLessThanOrEqualTo(AdminSessions.MAX_SESSIONS);
		assertThat(sessions.isValid(ids.get(0))).isFalse();
		assertThat(sessions.isValid(ids.get(ids.size() - 1))).isTrue();
	}

}
