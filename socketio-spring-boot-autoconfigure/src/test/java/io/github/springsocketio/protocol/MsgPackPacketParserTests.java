package io.github.springsocketio.protocol;

import java.util.HexFormat;
import java.util.List;

import io.github.springsocketio.engine.EngineMessage;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.EnginePacketAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * socket.io-msgpack-parser 3.x on the wire: the bytes socket.io-client 4.8 with that parser sends and expects (as
 * observed between Node.js peers), and every malformed message that makes the server close the connection.
 */
class MsgPackPacketParserTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final HexFormat HEX = HexFormat.of();

	private final MsgPackPacketParser parser = new MsgPackPacketParser(JsonLimits.defaults());

	private final PacketReader reader = this.parser.newReader();

	// Encoding

	@Test
	void anEventIsOneBinaryMessageWithTheBytesOfTheReadmeExample() {
		ArrayNode data = NODES.arrayNode().add("hello").add("you");

		List<EnginePacket> encoded = this.parser.encode(new Packet(PacketType.EVENT, "/", data, Packet.NO_ID));

		assertThat(encoded).hasSize(1);
		assertThat(encoded.get(0).isBinary()).isTrue();
		assertThat(HEX.formatHex(EnginePacketAccess.bytes(encoded.get(0)))).isEqualTo("83" + "a474797065" + "02"
				+ "a36e7370" + "a12f" + "a464617461" + "92" + "a568656c6c6f" + "a3796f75");
	}

	@Test
	void anAckCarriesItsIdAndItsBinaryInline() {
		ArrayNode data = NODES.arrayNode().add("ack!").add(NODES.binaryNode(new byte[] { 5 }));

		byte[] encoded = bytes(new Packet(PacketType.ACK, "/", data, 0));

		assertThat(HEX.formatHex(encoded)).isEqualTo("84" + "a474797065" + "03" + "a36e7370" + "a12f" + "a464617461"
				+ "92" + "a461636b21" + "c40105" + "a26964" + "00");
	}

	@Test
	void binaryPacketTypesAreNeverWritten() {
		ArrayNode data = NODES.arrayNode().add("file").add(NODES.binaryNode(new byte[] { 1, 2 }));

		Packet decoded = decode(bytes(new Packet(PacketType.BINARY_EVENT, "/chat", data, Packet.NO_ID)));

		assertThat(decoded).isEqualTo(new Packet(PacketType.EVENT, "/chat", data, Packet.NO_ID));
	}

	@Test
	void aDisconnectHasNoData() {
		assertThat(HEX.formatHex(bytes(new Packet(PacketType.DISCONNECT, "/", null, Packet.NO_ID))))
			.isEqualTo("82" + "a474797065" + "01" + "a36e7370" + "a12f");
	}

	@Test
	void numbersTakeTheirSmallestFormAndFractionsFloat64() {
		ArrayNode data = NODES.arrayNode().add("n").add(300).add(1L << 32).add(-200).add(1.5).add(2.0);

		JsonNode decoded = decode(bytes(new Packet(PacketType.EVENT, "/", data, Packet.NO_ID))).data();

		assertThat(HEX.formatHex(bytes(new Packet(PacketType.EVENT, "/", data, Packet.NO_ID))))
			.endsWith("96" + "a16e" + "cd012c" + "cf0000000100000000" + "d1ff38" + "cb3ff8000000000000" + "02");
		assertThat(decoded.get(1).intValue()).isEqualTo(300);
		assertThat(decoded.get(2).longValue()).isEqualTo(1L << 32);
		assertThat(decoded.get(3).intValue()).isEqualTo(-200);
		assertThat(decoded.get(4).doubleValue()).isEqualTo(1.5);
	}

	// Decoding what socket.io-client sends

	@Test
	void aConnectWithoutAuthHasUndefinedData() {
		Packet packet = decode("83" + "a474797065" + "00" + "a464617461" + "d40000" + "a36e7370" + "a12f");

		assertThat(packet).isEqualTo(new Packet(PacketType.CONNECT, "/", null, Packet.NO_ID));
	}

	@Test
	void anEventWithItsOptionsKeyAndAnId() {
		// {type:2, data:["hello",1], options:{compress:true}, id:0, nsp:"/"}
		Packet packet = decode("85" + "a474797065" + "02" + "a464617461" + "92a568656c6c6f01" + "a76f7074696f6e73"
				+ "81a8636f6d7072657373c3" + "a26964" + "00" + "a36e7370" + "a12f");

		assertThat(packet.type()).isEqualTo(PacketType.EVENT);
		assertThat(packet.data()).isEqualTo(NODES.arrayNode().add("hello").add(1));
		assertThat(packet.id()).isZero();
	}

	@Test
	void nodeBuffersArrayBuffersAndDatesBecomeWhatTheDefaultParserGives() {
		// ["x", bin 0102, ext8 type 0 (ArrayBuffer) 03, fixext8 type 0 (Date 0), undefined]
		Packet packet = decode("83" + "a474797065" + "02" + "a36e7370" + "a12f" + "a464617461" + "95" + "a178"
				+ "c4020102" + "c7010003" + "d7000000000000000000" + "d40000");

		ArrayNode data = (ArrayNode) packet.data();
		assertThat(data.get(1).binaryValue()).containsExactly(1, 2);
		assertThat(data.get(2).binaryValue()).containsExactly(3);
		assertThat(data.get(3).stringValue()).isEqualTo("1970-01-01T00:00:00.000Z");
		assertThat(data.get(4).isNull()).isTrue();
	}

	@Test
	void anUndefinedPropertyIsLeftOut() {
		Packet packet = decode("83" + "a474797065" + "00" + "a36e7370" + "a12f" + "a464617461" + "82" + "a161" + "01"
				+ "a162" + "d40000");

		assertThat(packet.data()).isEqualTo(NODES.objectNode().put("a", 1));
	}

	@Test
	void keysInAnyOrderAndUnknownKeysAreAccepted() {
		ObjectNode auth = NODES.objectNode().put("token", "t");
		Packet packet = decode(encodeMap(NODES.objectNode().put("extra", 1).put("nsp", "/admin").put("type", 0)
			.set("data", auth)));

		assertThat(packet).isEqualTo(new Packet(PacketType.CONNECT, "/admin", auth, Packet.NO_ID));
	}

	// Refused

	@Test
	void aTextMessageIsRefused() {
		assertThatExceptionOfType(InvalidPacketException.class)
			.isThrownBy(() -> this.reader.read(new EngineMessage("0".getBytes(), false)));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// type 5 and 6 (the default parser's binary types), -1, "2", 2.5
			"82a47479706505a36e7370a12f", "82a47479706506a36e7370a12f", "82a474797065ffa36e7370a12f",
			"82a474797065a132a36e7370a12f", "82a474797065cb4004000000000000a36e7370a12f",
			// no nsp, nsp 1
			"81a47479706500", "82a47479706500a36e737001",
			// not a map: an array, a string, nothing, a truncated map, trailing bytes
			"92a47479706500", "a3616263", "", "83a47479706500", "82a47479706500a36e7370a12fc0",
			// data of the wrong shape: a disconnect with data, an event with an object, an event without a name,
			// an event named with a reserved name, a connect error without data
			"83a47479706501a36e7370a12fa464617461c0", "83a47479706502a36e7370a12fa46461746180",
			"83a47479706502a36e7370a12fa46461746190", "83a47479706502a36e7370a12fa46461746191a7636f6e6e656374",
			"82a47479706504a36e7370a12f",
			// an id that is negative, a string, a float
			"84a47479706502a36e7370a12fa46461746191a178a26964ff",
			"84a47479706502a36e7370a12fa46461746191a178a26964a130",
			"84a47479706502a36e7370a12fa46461746191a178a26964cb3ff8000000000000",
			// a map key that is a map, an array declaring more elements than the data holds
			"8181a161c0c0", "83a47479706502a36e7370a12fa464617461dd7fffffff" })
	void malformedPacketsAreRefused(String hex) {
		assertThatExceptionOfType(InvalidPacketException.class).isThrownBy(() -> decode(hex));
	}

	@Test
	void nestingPastTheLimitIsRefusedAsItIsRead() {
		MsgPackPacketParser strict = new MsgPackPacketParser(new JsonLimits(3, 1_000_000, 1_000_000, 1000));
		String prefix = "83a47479706502a36e7370a12fa464617461";

		assertThat(strict.newReader().read(message(prefix + "92a17891" + "91c0"))).isNotNull();
		assertThatExceptionOfType(PacketLimitException.class)
			.isThrownBy(() -> strict.newReader().read(message(prefix + "92a17891" + "9191c0")))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(PacketLimitException.JSON_NESTING_DEPTH));
	}

	@Test
	void aPacketOrAStringPastItsLimitIsRefused() {
		MsgPackPacketParser strict = new MsgPackPacketParser(new JsonLimits(500, 40, 3, 1000));
		String prefix = "83a47479706502a36e7370a12fa464617461";

		assertThatExceptionOfType(PacketLimitException.class)
			.isThrownBy(() -> strict.newReader().read(message(prefix + "92a178a461626364")))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(PacketLimitException.JSON_STRING_LENGTH));
		assertThatExceptionOfType(PacketLimitException.class)
			.isThrownBy(() -> strict.newReader().read(message(prefix + "92a178c41e" + "00".repeat(30))))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(PacketLimitException.JSON_DOCUMENT_LENGTH));
	}

	private byte[] bytes(Packet packet) {
		return EnginePacketAccess.bytes(this.parser.encode(packet).get(0));
	}

	private Packet decode(String hex) {
		return decode(HEX.parseHex(hex));
	}

	private Packet decode(byte[] bytes) {
		Packet packet = this.reader.read(new EngineMessage(bytes, true));
		assertThat(packet).isNotNull();
		return packet;
	}

	private static EngineMessage message(String hex) {
		return new EngineMessage(HEX.parseHex(hex), true);
	}

	private static String encodeMap(ObjectNode map) {
		return HEX.formatHex(MsgPack.encode(map));
	}

}
