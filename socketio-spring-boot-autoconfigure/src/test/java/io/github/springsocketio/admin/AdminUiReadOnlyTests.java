package io.github.springsocketio.admin;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In read-only mode the dashboard is told that no command is supported, and the commands it sends anyway leave the
 * socket where it was; in production mode it gets statistics but no sockets, rooms or events.
 */
@SpringBootTest(classes = AdminUiReadOnlyTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "socketio.admin-ui.enabled=true", "socketio.admin-ui.read-only=true",
				"socketio.admin-ui.mode=production",
				"socketio.admin-ui.password=" + AdminUiDashboardTests.CHANGEIT_HASH })
class AdminUiReadOnlyTests {

	@LocalServerPort
	int port;

	@Test
	void aReadOnlyDashboardCannotDisconnectSockets() throws Exception {
		JsonNode seen = DashboardScript.run(this.port, "admin", "changeit");

		assertThat(seen.get("config").get("supportedFeatures").toString()).isEqualTo("[\"AGGREGATED_EVENTS\"]");
		assertThat(seen.get("firstStats").get("serverId").asString())
			.isEqualTo(AdminUiOptions.defaultServerId());
		assertThat(seen.get("allSockets").isNull()).as("no sockets in production mode").isTrue();
		assertThat(seen.get("lobbyJoined")).isEmpty();
		assertThat(seen.get("appOutcome").asString()).isEqualTo("still connected");
		assertThat(seen.get("socketConnected")).isEmpty();
		assertThat(seen.get("eventReceived").isNull()).isTrue();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
