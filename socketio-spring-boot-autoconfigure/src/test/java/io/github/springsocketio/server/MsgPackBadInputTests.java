package io.github.springsocketio.server;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.protocol.MsgPack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client of a server with the msgpack parser gets for a message that is not a valid socket.io-msgpack-parser
 * packet: its connection is closed as a protocol violation, over WebSocket and polling alike, the other clients are
 * still served, and nothing is logged at ERROR nor with a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class MsgPackBadInputTests {

	private static final HexFormat HEX = HexFormat.of();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static TestSocketIOServer server;

	private WireClient bystander;

	@BeforeAll
	static void startServer() {
		server = TestSocketIOServer.start(EngineIoOptions.builder().build(), SocketIOOptions.defaults(),
				InMemoryAdapter::new, ParserType.MSGPACK,
				(io) -> io.onConnection((socket) -> socket.on("echo", (args, ack) -> ack.send(args.toArray()))));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@AfterEach
	void othersAreStillServedAndNothingWasLoggedAsAnError(CapturedOutput output) {
		if (this.bystander != null) {
			assertEchoes(this.bystander);
			this.bystander.close();
		}
		try (WireClient newcomer = webSocketSocket()) {
			assertEchoes(newcomer);
		}
		assertThat(output.getAll()).as("the log").doesNotContain("ERROR").doesNotContainPattern("(?m)^\\s+at ");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// packet types 5 and 6, a map without nsp, a top-level array, not MessagePack, trailing bytes
			"83a47479706505a36e7370a12fa46461746191a46563686f", "83a47479706506a36e7370a12fa46461746191a46563686f",
			"82a47479706502a46461746191a46563686f", "92a47479706502", "c1", "82a47479706501a36e7370a12fc0",
			// an event whose data is an object, an event with a negative id, a reserved event name
			"83a47479706502a36e7370a12fa46461746180", "84a47479706502a36e7370a12fa46461746191a46563686fa26964ff",
			"83a47479706502a36e7370a12fa46461746191aa646973636f6e6e656374",
			// a CONNECT_ERROR from the client, an array declaring 2^31 elements in 5 bytes
			"83a47479706504a36e7370a12fa46461746180", "83a47479706502a36e7370a12fa464617461dd7fffffff" })
	void aMalformedPacketOverWebSocketClosesTheConnection(String hex) {
		this.bystander = webSocketSocket();
		try (WireClient victim = webSocketSocket()) {
			victim.sendBinary(HEX.parseHex(hex));
			BadInput.assertClosedByServer(victim);
		}
	}

	@Test
	void aTextMessageClosesTheConnection() {
		this.bystander = webSocketSocket();
		try (WireClient victim = WireClient.webSocket(server.port())) {
			victim.sendText("40");
			BadInput.assertClosedByServer(victim);
		}
	}

	@Test
	void dataNestedDeeperThanTheLimitClosesTheConnection() {
		this.bystander = webSocketSocket();
		try (WireClient victim = webSocketSocket()) {
			victim.sendBinary(HEX.parseHex("83a47479706502a36e7370a12fa464617461" + "92a46563686f"
					+ "91".repeat(100_000) + "c0"));
			BadInput.assertClosedByServer(victim);
		}
	}

	@Test
	void aMalformedPacketOverPollingClosesTheSession() {
		this.bystander = webSocketSocket();
		RawPollingClient victim = new RawPollingClient(server);
		victim.handshake();
		victim.post("b" + Base64.getEncoder().encodeToString(packet(0, NODES.missingNode(), -1)));
		List<String> reply = victim.poll();
		assertThat(reply).singleElement().asString().startsWith("b");
		assertThat(decode(reply.get(0)).get("type").intValue()).isZero();

		victim.post("b" + Base64.getEncoder().encodeToString(HEX.parseHex("82a47479706505a36e7370a12f")));

		BadInput.assertClosePacketThenGone(victim);
	}

	@Test
	void aPollingClientIsServedWithBase64Packets() {
		RawPollingClient client = new RawPollingClient(server);
		client.handshake();
		client.post("b" + Base64.getEncoder().encodeToString(packet(0, NODES.missingNode(), -1)));
		assertThat(decode(client.poll().get(0)).at("/data/sid").isString()).isTrue();

		client.post("b" + Base64.getEncoder()
			.encodeToString(packet(2, NODES.arrayNode().add("echo").add(NODES.binaryNode(new byte[] { 7 })), 3)));

		JsonNode ack = decode(client.poll().get(0));
		assertThat(ack.get("type").intValue()).isEqualTo(3);
		assertThat(ack.get("id").intValue()).isEqualTo(3);
		assertThat(ack.at("/data/0").binaryValue()).containsExactly(7);
		client.postBody("1");
	}

	private static WireClient webSocketSocket() {
		WireClient client = WireClient.webSocket(server.port());
		client.sendBinary(packet(0, NODES.missingNode(), -1));
		JsonNode reply = MsgPack.decode(client.nextBinary());
		assertThat(reply.get("type").intValue()).isZero();
		assertThat(reply.at("/data/sid").isString()).isTrue();
		return client;
	}

	private static void assertEchoes(WireClient client) {
		client.sendBinary(packet(2, NODES.arrayNode().add("echo").add("still served"), 7));
		JsonNode ack = MsgPack.decode(client.nextBinary());
		assertThat(ack.get("type").intValue()).isEqualTo(3);
		assertThat(ack.get("id").intValue()).isEqualTo(7);
		assertThat(ack.get("data")).isEqualTo(NODES.arrayNode().add("still served"));
	}

	private static byte[] packet(int type, JsonNode data, long id) {
		ObjectNode packet = NODES.objectNode().put("type", type).put("nsp", "/");
		if (!data.isMissingNode()) {
			packet.set("data", data);
		}
		if (id >= 0) {
			packet.put("id", id);
		}
		return MsgPack.encode(packet);
	}

	private static JsonNode decode(String pollingEntry) {
		assertThat(pollingEntry).startsWith("b");
		return MsgPack.decode(Base64.getDecoder().decode(pollingEntry.substring(1)));
	}

}
