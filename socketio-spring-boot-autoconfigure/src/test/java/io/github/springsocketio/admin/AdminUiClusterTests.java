package io.github.springsocketio.admin;

import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.adapter.redis.ClusterNode;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import io.github.springsocketio.adapter.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.crypto.bcrypt.BCrypt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes sharing a Redis stream, both instrumented: a dashboard connected to one sees the statistics of both, the
 * sockets of the other, its room changes, and disconnects a socket held by the other.
 */
class AdminUiClusterTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void aDashboardOnOneNodeSeesAndSteersTheWholeCluster() throws Exception {
		RedisStreamsAdapterOptions options = TestRedis.options().build();
		ClusterNode a = node("a", options);
		ClusterNode b = node("b", options);

		JsonNode seen = DashboardScript.run(a.url(), "admin", "changeit", b.url(), 2);

		assertThat(texts(seen.get("serverIds"))).containsExactly("node-a", "node-b");
		String appSocket = seen.get("appSocketId").asString();
		assertThat(seen.get("allSockets")).anySatisfy((socket) -> {
			assertThat(socket.get("id").asString()).isEqualTo(appSocket);
			assertThat(socket.get("data").get("origin").asString()).isEqualTo("b");
			assertThat(socket.get("clientId").asString()).hasSize(12);
			assertThat(socket.get("transport").asString()).isEqualTo("websocket");
		});
		assertThat(seen.get("lobbyJoined")).singleElement()
			.satisfies((args) -> assertThat(texts(args)).containsExactly("/", "lobby", appSocket));
		assertThat(seen.get("appOutcome").asString()).isEqualTo("io server disconnect");
		assertThat(seen.get("socketDisconnected")).anySatisfy((args) -> assertThat(texts(args))
			.containsExactly("/", appSocket, "server namespace disconnect"));
	}

	private ClusterNode node(String id, RedisStreamsAdapterOptions options) {
		ClusterNode node = ClusterNode.start(id, TestRedis.shared(), options);
		this.resources.add(node);
		AdminUi adminUi = AdminUi.instrument(node.server(), AdminUiOptions.builder()
			.serverId("node-" + id)
			.credentials(new AdminCredentials("admin", BCrypt.hashpw("changeit", BCrypt.gensalt(4)), BCrypt::checkpw))
			.build());
		this.resources.add(adminUi);
		return node;
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((node) -> texts.add(node.asString()));
		return texts;
	}

}
