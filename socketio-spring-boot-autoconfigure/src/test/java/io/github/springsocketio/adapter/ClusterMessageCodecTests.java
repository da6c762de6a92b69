package io.github.springsocketio.adapter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.github.springsocketio.protocol.MsgPack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Cluster messages as the Node.js adapters write them: stream entries {@code uid, nsp, type, data} with compact JSON
 * data (base64 MessagePack when it holds binary), and MessagePack envelopes for PUB/SUB; every type round-trips.
 */
class ClusterMessageCodecTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String UID = "5e87b6c58a50c427";

	private final ClusterMessageCodec codec = new ClusterMessageCodec(JsonMapper.builder().build(), false);

	@Test
	void aTextBroadcastIsTheStreamEntryNodeJsWrites() {
		Map<String, String> fields = this.codec.toStreamFields(broadcast("room1", NODES.stringNode("world")));

		assertThat(fields).containsExactly(Map.entry("uid", UID), Map.entry("nsp", "/"), Map.entry("type", "3"),
				Map.entry("data", "{\"packet\":{\"type\":2,\"data\":[\"hello\",\"world\"]},"
						+ "\"opts\":{\"rooms\":[\"room1\"],\"except\":[],\"flags\":{}}}"));
	}

	@Test
	void theJsonDataStaysCompactWhateverTheApplicationsMapperIndents() {
		JsonMapper indenting = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		ClusterMessageCodec codec = new ClusterMessageCodec(indenting, false);

		String data = codec.toStreamFields(broadcast("room1", NODES.stringNode("world"))).get("data");

		assertThat(data).startsWith("{").doesNotContainAnyWhitespaces();
		assertThat(codec.fromStreamFields(codec.toStreamFields(broadcast("room1", NODES.stringNode("world")))))
			.isEqualTo(broadcast("room1", NODES.stringNode("world")));
	}

	@Test
	void aBinaryBroadcastIsBase64MessagePackAsNodeJsWrites() {
		Map<String, String> fields = this.codec
			.toStreamFields(broadcast("room1", NODES.binaryNode(new byte[] { 1, 2, 3 })));

		assertThat(fields.get("type")).isEqualTo("3");
		assertThat(fields.get("data"))
			.isEqualTo("gqZwYWNrZXSCpHR5cGUCpGRhdGGSpWhlbGxvxAMBAgOkb3B0c4Olcm9vbXORpXJvb20xpmV4Y2VwdJClZmxhZ3OA");
	}

	@Test
	void binaryDeepInsideTheDataAlsoSwitchesToMessagePack() {
		ObjectNode nested = NODES.objectNode();
		nested.putArray("list").addObject().put("bytes", new byte[] { 9 });

		String data = this.codec.toStreamFields(broadcast("r", nested)).get("data");

		assertThat(data).doesNotStartWith("{");
		assertThat(MsgPack.decode(Base64.getDecoder().decode(data)).at("/packet/data/1/list/0/bytes").binaryValue())
			.containsExactly(9);
	}

	@Test
	void withOnlyPlaintextBinaryIsWrittenAsJson() {
		ClusterMessageCodec plaintext = new ClusterMessageCodec(JsonMapper.builder().build(), true);

		String data = plaintext.toStreamFields(broadcast("room1", NODES.binaryNode(new byte[] { 1, 2, 3 }))).get("data");

		assertThat(data).startsWith("{\"packet\":").contains("\"AQID\"");
	}

	@Test
	void nodeJsEntriesAreRead() {
		Map<String, String> json = fields("3", "{\"packet\":{\"type\":2,\"data\":[\"news\",{\"a\":1}]},"
				+ "\"opts\":{\"rooms\":[],\"except\":[\"room1\"],\"flags\":{\"volatile\":true}}}");
		Map<String, String> binary = fields("3",
				"gqZwYWNrZXSCpHR5cGUCpGRhdGGSpWhlbGxvxAMBAgOkb3B0c4Olcm9vbXORpXJvb20xpmV4Y2VwdJClZmxhZ3OA");

		ClusterMessage text = this.codec.fromStreamFields(json);
		ClusterMessage bytes = this.codec.fromStreamFields(binary);

		assertThat(text.type()).isEqualTo(ClusterMessageType.BROADCAST);
		assertThat(text.uid()).isEqualTo(UID);
		assertThat(text.nsp()).isEqualTo("/");
		assertThat(text.get("opts").at("/flags/volatile").asBoolean()).isTrue();
		assertThat(text.get("packet").at("/data/1/a").asInt()).isEqualTo(1);
		assertThat(bytes.get("packet").at("/data/1").binaryValue()).containsExactly(1, 2, 3);
		assertThat(bytes.get("opts").get("rooms").get(0).asString()).isEqualTo("room1");
	}

	@Test
	void entriesThatAreNotMessagesAreSkippedAndBadDataIsAnError() {
		Map<String, String> noNamespace = new LinkedHashMap<>(fields("3", "{}"));
		noNamespace.remove("nsp");

		assertThat(this.codec.fromStreamFields(noNamespace)).isNull();
		assertThat(this.codec.fromStreamFields(fields("99", "{}"))).isNull();
		assertThat(this.codec.fromStreamFields(fields("three", "{}"))).isNull();
		Map<String, String> heartbeat = new LinkedHashMap<>(fields("2", "{}"));
		heartbeat.remove("data");
		assertThat(this.codec.fromStreamFields(heartbeat))
			.isEqualTo(new ClusterMessage(UID, "/", ClusterMessageType.HEARTBEAT, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.fromStreamFields(fields("3", "!!!")));
	}

	@Test
	void aServerSideEmitEnvelopeIsTheMessagePackNodeJsPublishes() {
		ObjectNode data = NODES.objectNode();
		data.putArray("packet").add("hello").add("world");

		byte[] envelope = this.codec.toEnvelope(new ClusterMessage(UID, "/", ClusterMessageType.SERVER_SIDE_EMIT, data));

		assertThat(java.util.HexFormat.of().formatHex(envelope)).isEqualTo("84a47479706509a464617461"
				+ "81a67061636b657492a568656c6c6fa5776f726c64a3756964b0" + java.util.HexFormat.of().formatHex(UID.getBytes())
				+ "a36e7370a12f");
	}

	@Test
	void envelopesThatAreNotMessagesAreSkippedAndBadBytesAreAnError() {
		ObjectNode noUid = NODES.objectNode().put("type", 9).put("nsp", "/");
		ObjectNode unknownType = NODES.objectNode().put("type", 42).put("uid", UID).put("nsp", "/");
		ObjectNode textType = NODES.objectNode().put("type", "9").put("uid", UID).put("nsp", "/");

		assertThat(this.codec.fromEnvelope(MsgPack.encode(noUid))).isNull();
		assertThat(this.codec.fromEnvelope(MsgPack.encode(unknownType))).isNull();
		assertThat(this.codec.fromEnvelope(MsgPack.encode(textType))).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.fromEnvelope(new byte[] { (byte) 0xc1 }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyType")
	void everyTypeRoundTripsThroughAStreamEntryAndAnEnvelope(ClusterMessageType type, ObjectNode data) {
		ClusterMessage message = new ClusterMessage(UID, "/admin", type, data);

		Map<String, String> fields = this.codec.toStreamFields(message);

		assertThat(fields.get("type")).isEqualTo(Integer.toString(type.code()));
		assertThat(this.codec.fromStreamFields(fields)).isEqualTo(message);
		assertThat(this.codec.fromEnvelope(this.codec.toEnvelope(message))).isEqualTo(message);
	}

	static Stream<Arguments> everyType() {
		ObjectNode opts = NODES.objectNode();
		opts.putArray("rooms").add("room1");
		opts.putArray("except").add("room2");
		opts.putObject("flags").put("timeout", 1000);
		byte[] bytes = { 0, 1, (byte) 0xff };
		return Stream.of(ClusterMessageType.values()).map((type) -> {
			ObjectNode data = switch (type) {
				case INITIAL_HEARTBEAT, HEARTBEAT, ADAPTER_CLOSE -> null;
				case BROADCAST -> {
					ObjectNode d = NODES.objectNode();
					ObjectNode packet = d.putObject("packet").put("type", 2).put("id", 4);
					packet.putArray("data").add("ev").add(1.5).add(bytes);
					d.set("opts", opts);
					yield d.put("requestId", "0123456789abcdef");
				}
				case SOCKETS_JOIN, SOCKETS_LEAVE -> {
					ObjectNode d = NODES.objectNode();
					d.set("opts", opts);
					d.putArray("rooms").add("a").add("b");
					yield d;
				}
				case DISCONNECT_SOCKETS -> {
					ObjectNode d = NODES.objectNode();
					d.set("opts", opts);
					yield d.put("close", true);
				}
				case FETCH_SOCKETS -> {
					ObjectNode d = NODES.objectNode();
					d.set("opts", opts);
					yield d.put("requestId", "0123456789abcdef");
				}
				case FETCH_SOCKETS_RESPONSE -> {
					ObjectNode d = NODES.objectNode().put("requestId", "0123456789abcdef");
					ObjectNode socket = d.putArray("sockets").addObject().put("id", "vgJ3Ddluf1JJkUPoAAAA");
					socket.putObject("handshake").put("address", "127.0.0.1").put("issued", 1795562755705L);
					socket.putArray("rooms").add("vgJ3Ddluf1JJkUPoAAAA");
					socket.putObject("data").put("avatar", bytes);
					yield d;
				}
				case SERVER_SIDE_EMIT -> {
					ObjectNode d = NODES.objectNode().put("requestId", "0123456789abcdef");
					d.putArray("packet").add("ping").add(bytes);
					yield d;
				}
				case SERVER_SIDE_EMIT_RESPONSE, BROADCAST_ACK -> {
					ObjectNode d = NODES.objectNode().put("requestId", "0123456789abcdef");
					d.putObject("packet").put("answer", bytes);
					yield d;
				}
				case BROADCAST_CLIENT_COUNT -> NODES.objectNode().put("requestId", "0123456789abcdef").put("clientCount", 3);
			};
			return Arguments.of(type, data);
		});
	}

	@Test
	void aShardedMessageIsTheJsonEnvelopeNodeJsWritesUnlessItHoldsBinary() {
		byte[] text = this.codec.toJsonUnlessBinary(broadcast("r1", NODES.stringNode("world")));
		byte[] binary = this.codec.toJsonUnlessBinary(broadcast("r1", NODES.binaryNode(new byte[] { 1, 2 })));

		// the key order of JSON.stringify({type, data}) after uid and nsp were set
		assertThat(new String(text, StandardCharsets.UTF_8))
			.isEqualTo("{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"hello\",\"world\"]},"
					+ "\"opts\":{\"rooms\":[\"r1\"],\"except\":[],\"flags\":{}}},\"uid\":\"" + UID
					+ "\",\"nsp\":\"/\"}");
		assertThat(binary[0]).as("a MessagePack map").isEqualTo((byte) 0x84);
		assertThat(this.codec.fromJsonOrEnvelope(text)).isEqualTo(broadcast("r1", NODES.stringNode("world")));
		assertThat(this.codec.fromJsonOrEnvelope(binary))
			.isEqualTo(broadcast("r1", NODES.binaryNode(new byte[] { 1, 2 })));
	}

	@Test
	void aShardedMessageThatIsNeitherJsonNorAnEnvelopeIsRefusedOrSkipped() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec.fromJsonOrEnvelope("{not json".getBytes(StandardCharsets.UTF_8)));
		assertThat(this.codec.fromJsonOrEnvelope("{\"type\":3}".getBytes(StandardCharsets.UTF_8)))
			.isNull();
	}

	private static ClusterMessage broadcast(String room, tools.jackson.databind.JsonNode argument) {
		ObjectNode data = NODES.objectNode();
		ObjectNode packet = data.putObject("packet").put("type", 2);
		packet.putArray("data").add("hello").add(argument);
		ObjectNode opts = data.putObject("opts");
		opts.putArray("rooms").add(room);
		opts.putArray("except");
		opts.putObject("flags");
		return new ClusterMessage(UID, "/", ClusterMessageType.BROADCAST, data);
	}

	private static Map<String, String> fields(String type, String data) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("uid", UID);
		fields.put("nsp", "/");
		fields.put("type", type);
		fields.put("data", data);
		return fields;
	}

}
