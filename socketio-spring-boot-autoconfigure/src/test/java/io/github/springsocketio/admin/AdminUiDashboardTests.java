package io.github.springsocketio.admin;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official socket.io-client, acting as the Admin UI dashboard, signs in with the bcrypt-checked password (and
 * is refused with a wrong one), gets the configuration, the sockets and the statistics, sees an application socket's
 * event, moves it into a room and out again, disconnects it, and reconnects with the session id it was given.
 */
@SpringBootTest(classes = AdminUiDashboardTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "socketio.admin-ui.enabled=true", "socketio.admin-ui.username=ops",
				"socketio.admin-ui.password=" + AdminUiDashboardTests.CHANGEIT_HASH,
				"socketio.admin-ui.server-id=node-a" })
class AdminUiDashboardTests {

	/** bcrypt of {@code changeit}, cost 4 to keep the test fast, made by bcryptjs as the Node.js package uses. */
	static final String CHANGEIT_HASH = "$2a$04$5NLbCm/fGjEpfNTjBnuXGuvGhjX5TLO6xCi5xVqVo5NEI3xE6.k7C";

	@LocalServerPort
	int port;

	@Test
	void theDashboardSignsInSeesTheServerAndDisconnectsASocket() throws Exception {
		JsonNode seen = DashboardScript.run(this.port, "ops", "changeit");

		assertThat(seen.get("wrongCredentials").asString()).isEqualTo("invalid credentials");
		assertThat(seen.get("sessionId").asString()).matches("[0-9a-f]{16}");
		assertThat(texts(seen.get("config").get("supportedFeatures"))).containsExactly("EMIT", "JOIN", "LEAVE",
				"DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT", "AGGREGATED_EVENTS", "ALL_EVENTS");

		JsonNode stats = seen.get("firstStats");
		assertThat(stats.get("serverId").asString()).isEqualTo("node-a");
		assertThat(stats.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(stats.get("clientsCount").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(stats.get("uptime").asDouble()).isPositive();
		assertThat(stats.get("aggregatedEvents").isArray()).isTrue();
		assertThat(stats.get("namespaces")).anySatisfy((namespace) -> {
			assertThat(namespace.get("name").asString()).isEqualTo("/");
			assertThat(namespace.get("socketsCount").asInt()).isEqualTo(1);
		});

		String appSocket = seen.get("appSocketId").asString();
		assertThat(seen.get("allSockets")).anySatisfy((socket) -> {
			assertThat(socket.get("id").asString()).isEqualTo(appSocket);
			assertThat(socket.get("nsp").asString()).isEqualTo("/");
			assertThat(socket.get("transport").asString()).isEqualTo("websocket");
			assertThat(socket.get("clientId").asString()).hasSize(12);
			assertThat(socket.get("data").isEmpty()).as("the _admin entry is not shown").isTrue();
			assertThat(socket.get("handshake").get("address").asString()).isNotEmpty();
			assertThat(socket.get("handshake").has("auth")).isFalse();
			assertThat(texts(socket.get("rooms"))).containsExactly(appSocket);
		});

		assertThat(texts(seen.get("eventReceived").get(2))).containsExactly("hello", "world", "42");
		assertThat(seen.get("lobbyJoined")).singleElement()
			.satisfies((args) -> assertThat(texts(args)).containsExactly("/", "lobby", appSocket));
		assertThat(seen.get("lobbyLeft")).singleElement()
			.satisfies((args) -> assertThat(texts(args)).containsExactly("/", "lobby", appSocket));

		assertThat(seen.get("appOutcome").asString()).isEqualTo("io server disconnect");
		assertThat(seen.get("socketDisconnected")).anySatisfy((args) -> {
			assertThat(texts(args)).containsExactly("/", appSocket, "server namespace disconnect");
		});
		assertThat(seen.get("roomsLeft")).anySatisfy(
				(args) -> assertThat(texts(args)).containsExactly("/", appSocket, appSocket));
		assertThat(seen.get("reconnectWithSession").asString()).isEqualTo("connected");
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((node) -> texts.add(node.asString()));
		return texts;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
