package io.github.springsocketio.sample.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.sample.SampleApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The interop contract with Debian's Python client ({@code python3-socketio} 5.x, run by {@code /usr/bin/python3}),
 * over WebSocket and over polling: connect, events and acknowledgements both ways, binary at any depth, rooms and
 * broadcasts, namespaces that admit, refuse or are created on demand, and a disconnection by the server. The script
 * ({@code src/test/python/interop_client.py}) reports what it saw; the checks are here.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "socketio.node-id=node-py")
@ActiveProfiles("interop")
class PythonClientInteropTests {

	/** Debian's interpreter, which has Debian's python3-socketio; another python3 on the PATH may not. */
	private static final Path PYTHON = Path.of("/usr/bin/python3");

	private static final Path SCRIPT = Path.of("src", "test", "python", "interop_client.py");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void thePythonClientKeepsTheInteropContract(String transport) throws Exception {
		JsonNode seen = run(transport);

		assertThat(seen.get("transport").asString()).isEqualTo(transport);
		String sid = seen.get("sid").asString();
		// acknowledgements and events keep count, order, types and binary at any depth
		assertThat(seen.get("echoAck").toString())
			.isEqualTo("[\"a\",1,{\"k\":true,\"nested\":[{\"binary\":[1,2]}]},{\"binary\":[7]}]");
		assertThat(seen.get("echoEvent").toString()).isEqualTo("[\"no ack\",{\"binary\":[255]}]");
		assertThat(seen.get("echoDelayed").toString()).isEqualTo("[\"later\",2]");
		// rooms
		assertThat(seen.get("join").toString()).isEqualTo("[true]");
		JsonNode joined = seen.get("whoamiJoined");
		// the client's id for the namespace is the socket id the server gives it
		assertThat(joined.get("id").asString()).matches("[A-Za-z0-9_-]{20}").isEqualTo(sid);
		assertThat(joined.get("nsp").asString()).isEqualTo("/");
		assertThat(joined.get("node").asString()).isEqualTo("node-py");
		assertThat(joined.get("recovered").asBoolean()).isFalse();
		assertThat(joined.get("rooms").toString()).contains("\"blue\"", "\"" + joined.get("id").asString() + "\"");
		assertThat(seen.get("leave").toString()).isEqualTo("[true]");
		assertThat(seen.get("whoamiLeft").get("rooms").toString()).isEqualTo("[\"" + joined.get("id").asString() + "\"]");
		// broadcasts reach the room, binary kept, and the whole namespace
		assertThat(seen.get("broadcastAck").toString()).isEqualTo("[true]");
		assertThat(seen.get("broadcastToRoom").toString()).isEqualTo("{\"hello\":\"red\"}");
		assertThat(seen.get("broadcastBinaryAck").toString()).isEqualTo("[true]");
		JsonNode binary = seen.get("broadcastBinary");
		assertThat(binary.get("bytes").get("binary")).hasSize(256);
		assertThat(binary.get("bytes").get("binary").get(255).asInt()).isEqualTo(255);
		assertThat(binary.get("nested").toString()).isEqualTo("[{\"binary\":[1,2,3]}]");
		assertThat(seen.get("broadcastToAll").asString()).isEqualTo("everyone");
		assertThat(seen.get("outsiderGotMore").asBoolean()).isFalse();
		// the server's own acknowledged emit gets the client's answer
		assertThat(seen.get("serverAck").toString()).isEqualTo("{\"answer\":[\"yes\",\"q\"]}");
		assertThat(seen.get("tickerAck").toString()).isEqualTo("[true]");
		assertThat(seen.get("ticks").toString()).isEqualTo("[0,1,2]");
		// namespaces
		assertThat(seen.get("adminRefused").get("data").toString())
			.isEqualTo("{\"message\":\"unauthorized\",\"data\":{\"reason\":\"invalid token\"}}");
		assertThat(seen.get("adminRefused").get("raised").asString()).isNotBlank();
		assertThat(seen.get("adminWhoami").get("nsp").asString()).isEqualTo("/admin");
		assertThat(seen.get("dynamicWhoami").get("nsp").asString()).isEqualTo("/dyn-abc");
		assertThat(seen.get("unknownNamespace").get("data").get("message").asString()).isEqualTo("Invalid namespace");
		// an unknown event is ignored and the connection stays
		assertThat(seen.get("afterUnknownEvent").toString()).isEqualTo("[\"still\"]");
		assertThat(seen.get("unknownEventAnswered").asBoolean()).isFalse();
		assertThat(seen.get("disconnectedByServer").asBoolean()).isTrue();
		assertThat(seen.get("stillConnectedAfterDisconnectMe").asBoolean()).isFalse();
	}

	private JsonNode run(String transport) throws Exception {
		if (!Files.isExecutable(PYTHON)) {
			fail(PYTHON + " is missing: install Debian's python3 with python3-socketio (see .ci/run)");
		}
		Path output = Files.createTempFile("python-client", ".txt");
		try {
			Process process = new ProcessBuilder(List.of(PYTHON.toString(), SCRIPT.toString(),
					"http://127.0.0.1:" + this.port, transport))
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				fail("The Python client did not finish in 90 s; it printed " + Files.readString(output));
			}
			String printed = Files.readString(output, StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as("exit code of the Python client, which printed %s", printed).isZero();
			String[] lines = printed.strip().split("\n");
			return JSON.readTree(lines[lines.length - 1]);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}
