package io.github.springsocketio.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.adapter.redis.ClusterNode;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import io.github.springsocketio.adapter.redis.TestRedis;
import io.github.springsocketio.testing.NodeScripts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session ids kept in Redis are shared by the nodes: a dashboard signed in on one node is let into another with its
 * session id alone, under the key and expiry of {@code @socket.io/admin-ui}'s RedisStore, so that Java and Node.js
 * nodes honour each other's sessions.
 */
class RedisAdminSessionStoreTests {

	private static final String HASH = BCrypt.hashpw("changeit", BCrypt.gensalt(4));

	private final TestRedis redis = TestRedis.shared();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final List<String> keys = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		if (!this.keys.isEmpty()) {
			this.redis.commands((commands) -> commands.del(this.keys.toArray(String[]::new)));
		}
	}

	@Test
	void aDashboardSignedInOnOneNodeIsLetIntoAnotherWithItsSessionId() throws Exception {
		RedisStreamsAdapterOptions options = TestRedis.options().build();
		String prefix = TestRedis.uniqueName("admin-sessions");
		ClusterNode a = node("a", options, store(prefix, Duration.ofDays(1)));
		ClusterNode b = node("b", options, store(prefix, Duration.ofDays(1)));

		JsonNode seen = NodeScripts.runForLastJsonLine("admin-ui-session-check.mjs", "reconnect", a.url(), "admin",
				"changeit", b.url());

		assertThat(seen.get("signedIn").get("connected").asBoolean()).isTrue();
		String sessionId = seen.get("sessionId").asString();
		this.keys.add(prefix + "#" + sessionId);
		assertThat(sessionId).matches("[0-9a-f]{16}");
		assertThat(seen.get("reconnected").get("connected").asBoolean()).as("%s", seen).isTrue();
		assertThat(seen.get("unknown").get("connected").asBoolean()).isFalse();
		assertThat(seen.get("unknown").get("error").asString()).isEqualTo(AdminAuthentication.INVALID_CREDENTIALS);
	}

	@Test
	void withTheDefaultStoreAnotherNodeAsksForThePasswordAgain() throws Exception {
		RedisStreamsAdapterOptions options = TestRedis.options().build();
		ClusterNode a = node("a", options, null);
		ClusterNode b = node("b", options, null);

		JsonNode seen = NodeScripts.runForLastJsonLine("admin-ui-session-check.mjs", "reconnect", a.url(), "admin",
				"changeit", b.url());

		assertThat(seen.get("signedIn").get("connected").asBoolean()).isTrue();
		assertThat(seen.get("reconnected").get("connected").asBoolean()).isFalse();
		assertThat(seen.get("reconnected").get("error").asString())
			.isEqualTo(AdminAuthentication.INVALID_CREDENTIALS);
	}

	@Test
	void aSessionIsKeptAsNodesRedisStoreKeepsIt() {
		RedisAdminSessionStore store = store(RedisAdminSessionStore.DEFAULT_PREFIX, Duration.ofDays(1));
		String id = AdminAuthentication.newSessionId();
		String key = "socket.io-admin#" + id;
		this.keys.add(key);

		store.save(id).block(Duration.ofSeconds(10));

		String value = this.redis.commands((commands) -> commands.get(key));
		long secondsToLive = this.redis.commands((commands) -> commands.ttl(key));
		assertThat(value).isEqualTo("true");
		assertThat(secondsToLive).isBetween(86_390L, 86_400L);
		assertThat(store.exists(id).block(Duration.ofSeconds(10))).isTrue();
		assertThat(store.exists(AdminAuthentication.newSessionId()).block(Duration.ofSeconds(10))).isFalse();
	}

	@Test
	void aSessionExpiresAfterTheSessionDuration() {
		RedisAdminSessionStore store = store(TestRedis.uniqueName("admin-sessions"), Duration.ofSeconds(1));
		String id = AdminAuthentication.newSessionId();

		store.save(id).block(Duration.ofSeconds(10));

		assertThat(store.exists(id).block(Duration.ofSeconds(10))).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !store.exists(id).block(Duration.ofSeconds(10)));
	}

	@Test
	void aSessionSavedByNodesRedisStoreIsHonouredAndTheOtherWayRound() throws Exception {
		RedisAdminSessionStore store = store(RedisAdminSessionStore.DEFAULT_PREFIX, Duration.ofDays(1));

		JsonNode saved = NodeScripts.runForLastJsonLine("admin-ui-session-check.mjs", "save", this.redis.url());
		String fromNode = saved.get("sessionId").asString();
		this.keys.add(saved.get("key").asString());
		String fromJava = AdminAuthentication.newSessionId();
		this.keys.add(store.key(fromJava));
		store.save(fromJava).block(Duration.ofSeconds(10));

		assertThat(saved.get("key").asString()).isEqualTo(store.key(fromNode));
		assertThat(store.exists(fromNode).block(Duration.ofSeconds(10))).isTrue();
		JsonNode exists = NodeScripts.runForLastJsonLine("admin-ui-session-check.mjs", "exists", this.redis.url(),
				fromJava);
		assertThat(exists.get("exists").asBoolean()).isTrue();
	}

	private RedisAdminSessionStore store(String prefix, Duration duration) {
		LettuceConnectionFactory factory = this.redis.connectionFactory();
		this.resources.add(factory::destroy);
		return new RedisAdminSessionStore(factory, prefix, duration);
	}

	private ClusterNode node(String id, RedisStreamsAdapterOptions options, @Nullable AdminSessionStore store) {
		ClusterNode node = ClusterNode.start(id, this.redis, options);
		this.resources.add(node);
		AdminUi adminUi = AdminUi.instrument(node.server(), AdminUiOptions.builder()
			.serverId("node-" + id)
			.credentials(new AdminCredentials("admin", HASH, BCrypt::checkpw))
			.sessionStore(store)
			.build());
		this.resources.add(adminUi);
		return node;
	}

}
