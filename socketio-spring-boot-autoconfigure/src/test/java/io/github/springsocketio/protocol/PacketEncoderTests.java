package io.github.springsocketio.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.EnginePacketAccess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoding of every packet type, as the reference server writes it: the golden vectors of the protocol
 * description, each prefixed with the Engine.IO message type {@code 4}, and binary data sent as placeholders followed
 * by one binary message per attachment, in depth-first order.
 */
class PacketEncoderTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final PacketEncoder encoder = new PacketEncoder(MAPPER);

	@Test
	void connectAcceptedInTheMainNamespace() {
		assertThat(encode(PacketType.CONNECT, "/", "{\"sid\":\"XOPhU5XT5-LGsb2dAAAE\"}", Packet.NO_ID))
			.containsExactly("40{\"sid\":\"XOPhU5XT5-LGsb2dAAAE\"}");
	}

	@Test
	void connectAcceptedWithRecoveryCarriesThePrivateSessionId() {
		assertThat(encode(PacketType.CONNECT, "/", "{\"sid\":\"12PyJTi4LEcqDFPeAAAA\",\"pid\":\"6QeZpRfjfby5QlbzAAAB\"}",
				Packet.NO_ID))
			.containsExactly("40{\"sid\":\"12PyJTi4LEcqDFPeAAAA\",\"pid\":\"6QeZpRfjfby5QlbzAAAB\"}");
	}

	@Test
	void aNamespaceOtherThanTheMainOneIsWrittenWithATrailingComma() {
		assertThat(encode(PacketType.CONNECT, "/custom", "{\"sid\":\"3p1WrMfHpedeEQBnAAAF\"}", Packet.NO_ID))
			.containsExactly("40/custom,{\"sid\":\"3p1WrMfHpedeEQBnAAAF\"}");
		assertThat(encode(PacketType.CONNECT, "/custom", null, Packet.NO_ID)).containsExactly("40/custom,");
	}

	@Test
	void connectErrorFromAMiddlewareCarriesMessageAndData() {
		assertThat(encode(PacketType.CONNECT_ERROR, "/",
				"{\"message\":\"not authorized\",\"data\":{\"reason\":\"denied\"}}", Packet.NO_ID))
			.containsExactly("44{\"message\":\"not authorized\",\"data\":{\"reason\":\"denied\"}}");
	}

	@Test
	void connectErrorForAnUnknownNamespace() {
		assertThat(encode(PacketType.CONNECT_ERROR, "/random", "{\"message\":\"Invalid namespace\"}", Packet.NO_ID))
			.containsExactly("44/random,{\"message\":\"Invalid namespace\"}");
	}

	@Test
	void disconnectHasNoPayload() {
		assertThat(encode(PacketType.DISCONNECT, "/", null, Packet.NO_ID)).containsExactly("41");
		assertThat(encode(PacketType.DISCONNECT, "/custom", null, Packet.NO_ID)).containsExactly("41/custom,");
	}

	@Test
	void events() {
		assertThat(encode(PacketType.EVENT, "/", "[\"hello\",\"world\"]", Packet.NO_ID))
			.containsExactly("42[\"hello\",\"world\"]");
		assertThat(encode(PacketType.EVENT, "/custom", "[\"auth\",{}]", Packet.NO_ID))
			.containsExactly("42/custom,[\"auth\",{}]");
	}

	@Test
	void anEventAskingForAnAcknowledgementCarriesItsId() {
		assertThat(encode(PacketType.EVENT, "/", "[\"question\",1]", 0)).containsExactly("420[\"question\",1]");
		assertThat(encode(PacketType.EVENT, "/", "[\"message-with-ack\",1,\"2\",{\"3\":[false]}]", 1))
			.containsExactly("421[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
		assertThat(encode(PacketType.EVENT, "/admin", "[\"bar\"]", 13)).containsExactly("42/admin,13[\"bar\"]");
	}

	@Test
	void acknowledgements() {
		assertThat(encode(PacketType.ACK, "/", "[1,\"2\",{\"3\":[false]}]", 1))
			.containsExactly("431[1,\"2\",{\"3\":[false]}]");
		assertThat(encode(PacketType.ACK, "/admin", "[\"bar\"]", 13)).containsExactly("43/admin,13[\"bar\"]");
		assertThat(encode(PacketType.ACK, "/", "[]", 7)).containsExactly("437[]");
	}

	@Test
	void textIsWrittenAsUtf8() {
		List<EnginePacket> packets = this.encoder.encode(packet(PacketType.EVENT, "/ünï", "[\"héllo ✓\"]", Packet.NO_ID));

		assertThat(EnginePacketAccess.bytes(packets.get(0)))
			.isEqualTo("42/ünï,[\"héllo ✓\"]".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void anEventWithBinaryBecomesABinaryEventFollowedByItsAttachment() {
		ArrayNode data = NODES.arrayNode().add("message").add(BinaryNode.valueOf(new byte[] { 1, 2, 3 }));

		List<EnginePacket> packets = this.encoder.encode(new Packet(PacketType.EVENT, "/", data, Packet.NO_ID));

		assertThat(packets).hasSize(2);
		assertThat(packets.get(0).toString()).isEqualTo("451-[\"message\",{\"_placeholder\":true,\"num\":0}]");
		assertThat(packets.get(1).isBinary()).isTrue();
		assertThat(EnginePacketAccess.bytes(packets.get(1))).containsExactly(1, 2, 3);
	}

	@Test
	void severalAttachmentsInANamespaceAreNumberedInOrder() {
		ArrayNode data = NODES.arrayNode()
			.add("baz")
			.add(BinaryNode.valueOf(new byte[] { 1 }))
			.add(BinaryNode.valueOf(new byte[] { 2 }));

		List<EnginePacket> packets = this.encoder.encode(new Packet(PacketType.EVENT, "/admin", data, Packet.NO_ID));

		assertThat(packets.get(0).toString()).isEqualTo(
				"452-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
		assertThat(attachments(packets)).containsExactly(new byte[] { 1 }, new byte[] { 2 });
	}

	@Test
	void anAcknowledgementWithBinaryBecomesABinaryAck() {
		ArrayNode data = NODES.arrayNode()
			.add(BinaryNode.valueOf(new byte[] { 1, 2, 3 }))
			.add(BinaryNode.valueOf(new byte[] { 4, 5, 6 }));

		List<EnginePacket> packets = this.encoder.encode(new Packet(PacketType.ACK, "/", data, 789));

		assertThat(packets.get(0).toString())
			.isEqualTo("462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
		assertThat(attachments(packets)).containsExactly(new byte[] { 1, 2, 3 }, new byte[] { 4, 5, 6 });
	}

	@Test
	void binaryAtAnyDepthIsNumberedDepthFirst() {
		ObjectNode inner = NODES.objectNode();
		inner.set("a", BinaryNode.valueOf(new byte[] { 1 }));
		inner.set("list", NODES.arrayNode().add(NODES.arrayNode().add(BinaryNode.valueOf(new byte[] { 2 }))).add(3));
		inner.set("b", BinaryNode.valueOf(new byte[] { 4 }));
		ArrayNode data = NODES.arrayNode().add("deep").add(inner).add(BinaryNode.valueOf(new byte[] { 5 }));

		List<EnginePacket> packets = this.encoder.encode(new Packet(PacketType.EVENT, "/", data, 4));

		assertThat(packets.get(0).toString()).isEqualTo("454-4[\"deep\",{\"a\":{\"_placeholder\":true,\"num\":0},"
				+ "\"list\":[[{\"_placeholder\":true,\"num\":1}],3],\"b\":{\"_placeholder\":true,\"num\":2}},"
				+ "{\"_placeholder\":true,\"num\":3}]");
		assertThat(attachments(packets)).containsExactly(new byte[] { 1 }, new byte[] { 2 }, new byte[] { 4 },
				new byte[] { 5 });
	}

	@Test
	void anEmptyByteArrayIsStillAnAttachment() {
		ArrayNode data = NODES.arrayNode().add("empty").add(BinaryNode.valueOf(new byte[0]));

		List<EnginePacket> packets = this.encoder.encode(new Packet(PacketType.EVENT, "/", data, Packet.NO_ID));

		assertThat(packets.get(0).toString()).isEqualTo("451-[\"empty\",{\"_placeholder\":true,\"num\":0}]");
		assertThat(packets.get(1).isBinary()).isTrue();
		assertThat(packets.get(1).length()).isZero();
	}

	@Test
	void aByteArrayWrappedByValueToTreeIsBinaryToo() {
		ArrayNode data = NODES.arrayNode().add("pojo").add(new POJONode(new byte[] { 9 }));

		List<EnginePacket> packets = this.encoder.encode(new Packet(PacketType.EVENT, "/", data, Packet.NO_ID));

		assertThat(packets.get(0).toString()).isEqualTo("451-[\"pojo\",{\"_placeholder\":true,\"num\":0}]");
		assertThat(attachments(packets)).containsExactly(new byte[] { 9 });
	}

	@Test
	void aBinaryTypeWithoutBinaryDataIsSentAsThePlainType() {
		assertThat(encode(PacketType.BINARY_EVENT, "/", "[\"plain\"]", Packet.NO_ID)).containsExactly("42[\"plain\"]");
		assertThat(encode(PacketType.BINARY_ACK, "/", "[\"plain\"]", 3)).containsExactly("433[\"plain\"]");
	}

	@Test
	void encodingLeavesThePacketUnchanged() {
		ArrayNode data = NODES.arrayNode().add("message").add(BinaryNode.valueOf(new byte[] { 1 }));
		ArrayNode copy = data.deepCopy();

		this.encoder.encode(new Packet(PacketType.EVENT, "/", data, Packet.NO_ID));

		assertThat(data).isEqualTo(copy);
	}

	@Test
	void whatTheEncoderWritesTheDecoderReadsBack() {
		ObjectNode payload = NODES.objectNode();
		payload.set("bytes", BinaryNode.valueOf(new byte[] { 0, (byte) 0xff }));
		payload.set("nested", NODES.arrayNode().add(BinaryNode.valueOf(new byte[0])).add("text").add(NODES.nullNode()));
		ArrayNode data = NODES.arrayNode().add("round trip").add(payload).add(42).add(true);
		Packet packet = new Packet(PacketType.EVENT, "/chat", data, 12);

		List<EnginePacket> packets = this.encoder.encode(packet);

		PacketDecoder decoder = new PacketDecoder(MAPPER, PacketDecoder.DEFAULT_MAX_ATTACHMENTS);
		byte[] text = EnginePacketAccess.bytes(packets.get(0));
		assertThat(decoder.decode(java.util.Arrays.copyOfRange(text, 1, text.length))).isNull();
		assertThat(decoder.decodeAttachment(EnginePacketAccess.bytes(packets.get(1)))).isNull();
		assertThat(decoder.decodeAttachment(EnginePacketAccess.bytes(packets.get(2)))).isEqualTo(packet);
	}

	@Test
	void theMessageTypeOfEveryEncodedTextIsFour() {
		for (Map.Entry<PacketType, String> entry : Map.of(PacketType.CONNECT, "{}", PacketType.EVENT, "[\"e\"]",
				PacketType.ACK, "[]", PacketType.CONNECT_ERROR, "{\"message\":\"m\"}").entrySet()) {
			String text = encode(entry.getKey(), "/", entry.getValue(), Packet.NO_ID).get(0);
			assertThat(text).startsWith("4" + entry.getKey().digit());
		}
	}

	private List<String> encode(PacketType type, String namespace, String json, long id) {
		return this.encoder.encode(packet(type, namespace, json, id)).stream().map(EnginePacket::toString).toList();
	}

	private static Packet packet(PacketType type, String namespace, String json, long id) {
		JsonNode data = (json != null) ? MAPPER.readTree(json) : null;
		return new Packet(type, namespace, data, id);
	}

	private static List<byte[]> attachments(List<EnginePacket> packets) {
		return packets.subList(1, packets.size()).stream().peek((packet) -> assertThat(packet.isBinary()).isTrue())
			.map(EnginePacketAccess::bytes)
			.toList();
	}

}
