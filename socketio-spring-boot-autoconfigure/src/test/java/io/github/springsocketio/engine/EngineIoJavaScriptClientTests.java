package io.github.springsocketio.engine;

import java.nio.file.Path;
import java.time.Duration;

import io.github.springsocketio.testing.NodeScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The official JavaScript client ({@code engine.io-client} from npm, run by Node.js) against the engine: polling only,
 * WebSocket only, the default upgrade, and base64-only binary, each echoing text and binary.
 */
class EngineIoJavaScriptClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String SCRIPT = "engineio-client-check.mjs";

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void nodeJsIsInstalledInVersion20OrLater() throws Exception {
		NodeJs.Run run = NodeJs.run(Duration.ofSeconds(10), "--version");

		assertThat(run.exitCode()).isZero();
		String version = run.lastLine();
		assertThat(version).as("Node.js version").matches("v\\d+\\..*");
		assertThat(Integer.parseInt(version.substring(1, version.indexOf('.')))).as("Node.js major version of %s", version)
			.isGreaterThanOrEqualTo(20);
	}

	@Test
	void withoutNodeJsTheseTestsFailAndSaySo(@TempDir Path emptyDirectory) {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> NodeScripts.node(emptyDirectory.toString()))
			.withMessageContaining("Node.js")
			.withMessageContaining("'node' is not on the PATH");
	}

	@Test
	void aPollingOnlyClientEchoesTextAndBinary() throws Exception {
		TestEngineServer server = this.servers.start();

		JsonNode result = runClient(server, "{\"transports\":[\"polling\"]}");

		assertThat(result.get("openTransport").asString()).isEqualTo("polling");
		assertThat(result.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
		assertEcho(result.get("echoes").get(0), "polling", 1);
		assertClosedByTheClient(server, result);
	}

	@Test
	void aWebSocketOnlyClientEchoesTextAndBinary() throws Exception {
		TestEngineServer server = this.servers.start();

		JsonNode result = runClient(server, "{\"transports\":[\"websocket\"]}");

		assertThat(result.get("openTransport").asString()).isEqualTo("websocket");
		assertThat(result.get("upgrades")).isEmpty();
		assertEcho(result.get("echoes").get(0), "websocket", 1);
		assertClosedByTheClient(server, result);
	}

	@Test
	void aDefaultClientUpgradesToWebSocketAndEchoesOnBoth() throws Exception {
		TestEngineServer server = this.servers.start();

		JsonNode result = runClient(server, "{\"expectUpgrade\":true}");

		assertThat(result.get("openTransport").asString()).isEqualTo("polling");
		assertThat(result.get("upgradedTo").asString()).isEqualTo("websocket");
		assertThat(result.get("echoes")).hasSize(2);
		assertEcho(result.get("echoes").get(1), "websocket", 2);
		assertThat(result.get("echoes").get(0).get("textMatches").asBoolean()).isTrue();
		String sid = result.get("sid").asString();
		assertThat(server.listener().events(sid, RecordingListener.Kind.UPGRADE)).hasSize(1);
		assertClosedByTheClient(server, result);
	}

	@Test
	void aClientForcingBase64EchoesBinaryOverWebSocket() throws Exception {
		TestEngineServer server = this.servers.start();

		JsonNode result = runClient(server, "{\"transports\":[\"websocket\"],\"forceBase64\":true}");

		assertEcho(result.get("echoes").get(0), "websocket", 1);
		assertClosedByTheClient(server, result);
	}

	@Test
	void aClientAnswersPingsAndStaysConnected() throws Exception {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(100))
			.pingTimeout(Duration.ofMillis(300)));

		JsonNode result = runClient(server, "{\"expectUpgrade\":true,\"minPings\":4}");

		assertThat(result.get("pings").asInt()).isGreaterThanOrEqualTo(4);
		assertClosedByTheClient(server, result);
	}

	private JsonNode runClient(TestEngineServer server, String options) throws Exception {
		NodeJs.Run run = NodeJs.run(TIMEOUT, SCRIPT, "http://127.0.0.1:" + server.port(), options);
		assertThat(run.exitCode()).as("exit code; stdout: %s; stderr: %s", run.stdout(), run.stderr()).isZero();
		JsonNode result = PollingClient.JSON.readTree(run.lastLine());
		assertThat(result.get("error").isNull()).as("client error: %s", result.get("error")).isTrue();
		assertThat(result.get("sid").asString()).matches("[A-Za-z0-9_-]{20}");
		return result;
	}

	private static void assertEcho(JsonNode echo, String transport, int round) {
		assertThat(echo.get("transport").asString()).isEqualTo(transport);
		assertThat(echo.get("text").asString()).isEqualTo("hello " + round + " ✓");
		assertThat(echo.get("binary").toString()).isEqualTo("[1,2," + round + ",255]");
	}

	private static void assertClosedByTheClient(TestEngineServer server, JsonNode result) {
		String sid = result.get("sid").asString();
		assertThat(result.get("closeReason").asString()).isEqualTo("forced close");
		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		assertThat(server.listener().messages(sid)).contains("hello 1 ✓");
	}

}
