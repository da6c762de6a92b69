package io.github.springsocketio.engine;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official JavaScript client ({@code engine.io-client} on Node.js) against a compressing server: a large polling
 * response arrives gzipped and a small one as it is; permessage-deflate is agreed over WebSocket when it is on (the
 * client offers it by default, and compresses its own large messages), and not when it is off.
 */
class CompressionJavaScriptClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String SCRIPT = "engineio-compression-check.mjs";

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void overPollingALargeResponseArrivesGzippedAndASmallOneAsItIs() throws Exception {
		TestEngineServer server = this.servers.start();

		JsonNode result = runClient(server, "{\"transport\":\"polling\",\"sizes\":[100,5000]}");

		JsonNode small = result.get("echoes").get(0);
		JsonNode large = result.get("echoes").get(1);
		assertThat(small.get("transport").asString()).isEqualTo("polling");
		assertThat(small.get("matches").asBoolean()).isTrue();
		assertThat(small.get("contentEncoding").isNull()).as("small response's encoding %s", small).isTrue();
		assertThat(large.get("transport").asString()).isEqualTo("polling");
		assertThat(large.get("matches").asBoolean()).isTrue();
		assertThat(large.get("contentEncoding").asString()).isEqualTo("gzip");
	}

	@Test
	void overWebSocketPerMessageDeflateIsAgreedWhenOnAndMessagesFlowBothWays() throws Exception {
		TestEngineServer server = this.servers.start((options) -> options.perMessageDeflate(CompressionOptions.DEFAULT));

		JsonNode result = runClient(server, "{\"transport\":\"websocket\",\"sizes\":[100,5000,200000]}");

		assertThat(result.get("extensions").asString()).isEqualTo("permessage-deflate");
		assertEchoed(result, "websocket", 3);
	}

	@Test
	void overWebSocketNothingIsAgreedWhenOff() throws Exception {
		TestEngineServer server = this.servers.start();

		JsonNode result = runClient(server, "{\"transport\":\"websocket\",\"sizes\":[100,5000]}");

		assertThat(result.get("extensions").asString()).isEmpty();
		assertEchoed(result, "websocket", 2);
	}

	@Test
	void perMessageDeflateIsAgreedOnTheUpgradeFromPolling() throws Exception {
		TestEngineServer server = this.servers.start((options) -> options.perMessageDeflate(CompressionOptions.DEFAULT));

		JsonNode result = runClient(server, "{\"transport\":\"polling\",\"upgrade\":true,\"sizes\":[5000]}");

		assertThat(result.get("extensions").asString()).isEqualTo("permessage-deflate");
		assertThat(result.get("echoes").get(1).get("transport").asString()).isEqualTo("websocket");
		assertThat(result.get("echoes")).allMatch((echo) -> echo.get("matches").asBoolean());
	}

	private JsonNode runClient(TestEngineServer server, String options) throws Exception {
		NodeJs.Run run = NodeJs.run(TIMEOUT, SCRIPT, "http://127.0.0.1:" + server.port(), options);
		assertThat(run.exitCode()).as("exit code; stdout: %s; stderr: %s", run.stdout(), run.stderr()).isZero();
		JsonNode result = PollingClient.JSON.readTree(run.lastLine());
		assertThat(result.get("error").isNull()).as("client error: %s", result.get("error")).isTrue();
		return result;
	}

	private static void assertEchoed(JsonNode result, String transport, int count) {
		assertThat(result.get("echoes")).hasSize(count);
		for (JsonNode echo : result.get("echoes")) {
			assertThat(echo.get("transport").asString()).isEqualTo(transport);
			assertThat(echo.get("matches").asBoolean()).as("echo of %s characters", echo.get("size")).isTrue();
		}
	}

}
