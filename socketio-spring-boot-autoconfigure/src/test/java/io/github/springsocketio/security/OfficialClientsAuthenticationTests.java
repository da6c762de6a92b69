package io.github.springsocketio.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.testing.NodeScripts;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.springsocketio.security.JwtSocketAuthenticationTests.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official clients against an application secured by Spring Security (a JWT resource server): the JavaScript
 * client ({@code socket.io-client} 4.8 on Node.js) with its token in the auth payload over each transport alone, with
 * a bearer header over polling that then upgrades, and refused without credentials with the documented
 * {@code connect_error}; the Java client likewise, over each transport.
 */
@SpringBootTest(classes = JwtSocketAuthenticationTests.ResourceServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "socketio.security.namespaces.public.allow-anonymous=true",
				"socketio.security.namespaces.admin.authorities=SCOPE_admin" })
class OfficialClientsAuthenticationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void theJavaScriptClientConnectsWithATokenInItsAuthPayloadOverOneTransport(String transport) throws Exception {
		JsonNode result = javaScriptClient("/", Map.of("auth", Map.of("token", token("alice", "chat")), "transports",
				List.of(transport)));

		assertThat(result.get("connected").asBoolean()).as("%s", result).isTrue();
		assertThat(result.get("principal").asString()).isEqualTo("alice");
		assertThat(result.get("transports").valueStream().map(JsonNode::asString)).containsExactly(transport);
	}

	@Test
	void theJavaScriptClientConnectsWithABearerHeaderOverPollingAndStaysThatUserAfterTheUpgrade() throws Exception {
		JsonNode result = javaScriptClient("/", Map.of("extraHeaders",
				Map.of("Authorization", "Bearer " + token("carol", "chat")), "transports",
				List.of("polling", "websocket")));

		assertThat(result.get("connected").asBoolean()).as("%s", result).isTrue();
		// asked and answered over the WebSocket the connection upgraded to
		assertThat(result.get("transports").valueStream().map(JsonNode::asString)).containsExactly("polling",
				"websocket");
		assertThat(result.get("principal").asString()).isEqualTo("carol");
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void anAnonymousJavaScriptClientGetsTheDocumentedConnectError(String transport) throws Exception {
		JsonNode result = javaScriptClient("/", Map.of("transports", List.of(transport)));

		assertThat(result.get("connected").asBoolean()).as("%s", result).isFalse();
		assertThat(result.get("message").asString()).isEqualTo("Authentication required");
	}

	@Test
	void aJavaScriptClientWithATokenOfAnotherKeyGetsTheDocumentedConnectError() throws Exception {
		String forged = JwtSocketAuthenticationTests.sign(JwtSocketAuthenticationTests.OTHER_KEY, "mallory", "chat");

		JsonNode result = javaScriptClient("/", Map.of("auth", Map.of("token", forged)));

		assertThat(result.get("connected").asBoolean()).as("%s", result).isFalse();
		assertThat(result.get("message").asString()).isEqualTo("Invalid token");
	}

	@ParameterizedTest
	@ValueSource(strings = { WebSocket.NAME, Polling.NAME })
	void theJavaClientConnectsWithATokenInItsAuthPayloadOverOneTransport(String transport) {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("dave", "chat"), transport)
			.connect()) {
			assertThat(client.call("principal")).isEqualTo("dave");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { WebSocket.NAME, Polling.NAME })
	void anAnonymousJavaClientGetsTheDocumentedConnectError(String transport) throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", null, transport)) {
			assertThat(client.refused().getString("message")).isEqualTo("Authentication required");
		}
	}

	/** Runs {@code secure-client-check.mjs} against a namespace with these client options; returns what it printed. */
	private JsonNode javaScriptClient(String namespace, Map<String, Object> options)
			throws IOException, InterruptedException {
		return NodeScripts.runForLastJsonLine("secure-client-check.mjs", "http://127.0.0.1:" + this.port + namespace,
				JSON.writeValueAsString(options));
	}

}
