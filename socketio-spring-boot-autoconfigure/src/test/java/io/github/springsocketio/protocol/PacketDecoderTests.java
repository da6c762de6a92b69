package io.github.springsocketio.protocol;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BinaryNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Decoding what clients send (the Socket.IO packet inside an Engine.IO message, without its {@code 4}): the golden
 * vectors of the protocol description, binary reassembly, and every malformed input that makes the server close the
 * connection.
 */
class PacketDecoderTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final PacketDecoder decoder = new PacketDecoder(MAPPER, PacketDecoder.DEFAULT_MAX_ATTACHMENTS);

	// Golden vectors

	@Test
	void connectToTheMainNamespace() {
		assertThat(decode("0")).isEqualTo(new Packet(PacketType.CONNECT, "/", null, Packet.NO_ID));
	}

	@Test
	void connectWithAnAuthPayload() {
		assertThat(decode("0{\"token\":\"123\"}"))
			.isEqualTo(packet(PacketType.CONNECT, "/", "{\"token\":\"123\"}", Packet.NO_ID));
	}

	@Test
	void connectToANamespaceWithOrWithoutTheTrailingComma() {
		assertThat(decode("0/custom,")).isEqualTo(new Packet(PacketType.CONNECT, "/custom", null, Packet.NO_ID));
		assertThat(decode("0/custom")).isEqualTo(new Packet(PacketType.CONNECT, "/custom", null, Packet.NO_ID));
		assertThat(decode("0/custom,{\"token\":\"abc\"}"))
			.isEqualTo(packet(PacketType.CONNECT, "/custom", "{\"token\":\"abc\"}", Packet.NO_ID));
	}

	@Test
	void disconnect() {
		assertThat(decode("1")).isEqualTo(new Packet(PacketType.DISCONNECT, "/", null, Packet.NO_ID));
		assertThat(decode("1/custom,")).isEqualTo(new Packet(PacketType.DISCONNECT, "/custom", null, Packet.NO_ID));
	}

	@Test
	void events() {
		assertThat(decode("2[\"hello\",\"world\"]"))
			.isEqualTo(packet(PacketType.EVENT, "/", "[\"hello\",\"world\"]", Packet.NO_ID));
		assertThat(decode("2/custom,[\"auth\",{}]"))
			.isEqualTo(packet(PacketType.EVENT, "/custom", "[\"auth\",{}]", Packet.NO_ID));
	}

	@Test
	void anEventAskingForAnAcknowledgement() {
		assertThat(decode("21[\"message-with-ack\",1,\"2\",{\"3\":[false]}]"))
			.isEqualTo(packet(PacketType.EVENT, "/", "[\"message-with-ack\",1,\"2\",{\"3\":[false]}]", 1));
		assertThat(decode("2/admin,456[\"x\"]")).isEqualTo(packet(PacketType.EVENT, "/admin", "[\"x\"]", 456));
	}

	@Test
	void aNumericEventNameIsAccepted() {
		assertThat(decode("2[123,\"x\"]")).isEqualTo(packet(PacketType.EVENT, "/", "[123,\"x\"]", Packet.NO_ID));
	}

	@Test
	void acknowledgements() {
		assertThat(decode("31[1,\"2\",{\"3\":[false]}]"))
			.isEqualTo(packet(PacketType.ACK, "/", "[1,\"2\",{\"3\":[false]}]", 1));
		assertThat(decode("3/admin,13[\"bar\"]")).isEqualTo(packet(PacketType.ACK, "/admin", "[\"bar\"]", 13));
		assertThat(decode("30[]")).isEqualTo(packet(PacketType.ACK, "/", "[]", 0));
	}

	@Test
	void textIsReadAsUtf8() {
		assertThat(this.decoder.decode("2/ünï,[\"héllo ✓\"]".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(packet(PacketType.EVENT, "/ünï", "[\"héllo ✓\"]", Packet.NO_ID));
	}

	// Binary reassembly

	@Test
	void aBinaryEventWaitsForItsAttachmentThenIsAPlainEvent() {
		assertThat(decode("51-[\"message\",{\"_placeholder\":true,\"num\":0}]")).isNull();
		assertThat(this.decoder.awaitingAttachments()).isTrue();

		Packet packet = this.decoder.decodeAttachment(new byte[] { 1, 2, 3 });

		assertThat(packet.type()).isEqualTo(PacketType.EVENT);
		assertThat(packet.data().get(0).asString()).isEqualTo("message");
		assertThat(packet.data().get(1)).isEqualTo(BinaryNode.valueOf(new byte[] { 1, 2, 3 }));
		assertThat(this.decoder.awaitingAttachments()).isFalse();
	}

	@Test
	void severalAttachmentsInANamespaceGoWhereTheirPlaceholdersPoint() {
		assertThat(decode("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]"))
			.isNull();
		assertThat(this.decoder.decodeAttachment(new byte[] { 0 })).isNull();

		Packet packet = this.decoder.decodeAttachment(new byte[] { 1 });

		assertThat(packet.namespace()).isEqualTo("/admin");
		assertThat(packet.data().get(1)).isEqualTo(BinaryNode.valueOf(new byte[] { 1 }));
		assertThat(packet.data().get(2)).isEqualTo(BinaryNode.valueOf(new byte[] { 0 }));
	}

	@Test
	void aBinaryAcknowledgementIsAPlainAcknowledgementWithItsId() {
		decode("62-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
		this.decoder.decodeAttachment(new byte[] { 1, 2, 3 });

		Packet packet = this.decoder.decodeAttachment(new byte[] { 4, 5, 6 });

		assertThat(packet.type()).isEqualTo(PacketType.ACK);
		assertThat(packet.id()).isEqualTo(789);
		assertThat(packet.data().get(0)).isEqualTo(BinaryNode.valueOf(new byte[] { 1, 2, 3 }));
		assertThat(packet.data().get(1)).isEqualTo(BinaryNode.valueOf(new byte[] { 4, 5, 6 }));
	}

	@Test
	void placeholdersAtAnyDepthAreReplaced() {
		decode("53-4[\"deep\",{\"a\":{\"_placeholder\":true,\"num\":0},\"list\":[[{\"_placeholder\":true,\"num\":1}],3]},"
				+ "{\"_placeholder\":true,\"num\":2}]");
		this.decoder.decodeAttachment(new byte[] { 1 });
		this.decoder.decodeAttachment(new byte[0]);

		Packet packet = this.decoder.decodeAttachment(new byte[] { 3 });

		assertThat(packet.id()).isEqualTo(4);
		JsonNode data = packet.data();
		assertThat(data.get(1).get("a")).isEqualTo(BinaryNode.valueOf(new byte[] { 1 }));
		assertThat(data.get(1).get("list").get(0).get(0)).as("an empty attachment")
			.isEqualTo(BinaryNode.valueOf(new byte[0]));
		assertThat(data.get(1).get("list").get(1).asInt()).isEqualTo(3);
		assertThat(data.get(2)).isEqualTo(BinaryNode.valueOf(new byte[] { 3 }));
	}

	@Test
	void tenAttachmentsAreAllowedByDefault() {
		StringBuilder text = new StringBuilder("510-[\"many\"");
		for (int i = 0; i < 10; i++) {
			text.append(",{\"_placeholder\":true,\"num\":").append(i).append('}');
		}
		decode(text.append(']').toString());
		Packet packet = null;
		for (int i = 0; i < 10; i++) {
			packet = this.decoder.decodeAttachment(new byte[] { (byte) i });
		}

		assertThat(packet.data().get(10)).isEqualTo(BinaryNode.valueOf(new byte[] { 9 }));
	}

	@Test
	void theLimitOnAttachmentsIsConfigurable() {
		PacketDecoder strict = new PacketDecoder(MAPPER, 1);

		assertInvalid(strict, "52-[\"x\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
	}

	@Test
	void theDecoderGoesOnAfterABinaryPacket() {
		decode("51-[\"bin\",{\"_placeholder\":true,\"num\":0}]");
		this.decoder.decodeAttachment(new byte[] { 1 });

		assertThat(decode("2[\"next\"]")).isEqualTo(packet(PacketType.EVENT, "/", "[\"next\"]", Packet.NO_ID));
	}

	// Malformed input: every one closes the connection

	@ParameterizedTest
	@ValueSource(strings = { "", "7", "9[\"x\"]", "a", "abc", "-1", "/custom,[\"x\"]" })
	void anUnknownPacketTypeIsInvalid(String text) {
		assertInvalid(this.decoder, text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2{}", "2\"hello\"", "2123", "2null", "2true", "2abc[\"x\"]", "2[\"x\"", "2[\"x\"]]" })
	void anEventPayloadThatIsNotAJsonArrayIsInvalid(String text) {
		assertInvalid(this.decoder, text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2[]", "2[{}]", "2[null]", "2[[\"x\"]]", "2[true]", "21[]" })
	void anEventWithoutAValidNameIsInvalid(String text) {
		assertInvalid(this.decoder, text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener" })
	void anEventWithAReservedNameIsInvalid(String name) {
		assertInvalid(this.decoder, "2[\"" + name + "\"]");
		assertInvalid(this.decoder, "2/custom,1[\"" + name + "\",1]");
	}

	@Test
	void anEventOrAcknowledgementWithoutPayloadIsInvalid() {
		assertInvalid(this.decoder, "2");
		assertInvalid(this.decoder, "2/custom,");
		assertInvalid(this.decoder, "31");
	}

	@ParameterizedTest
	@ValueSource(strings = { "31{}", "31\"x\"", "31null", "3/custom,1{\"a\":1}" })
	void anAcknowledgementPayloadThatIsNotAnArrayIsInvalid(String text) {
		assertInvalid(this.decoder, text);
	}

	@Test
	void anAcknowledgementIdThatIsNotANumberIsInvalid() {
		assertInvalid(this.decoder, "3abc[1]");
		assertInvalid(this.decoder, "2-1[\"x\"]");
	}

	@Test
	void aBinaryPacketAnnouncingNoAttachmentIsInvalid() {
		assertInvalid(this.decoder, "50-[\"message\"]");
		assertInvalid(this.decoder, "60-1[]");
	}

	@Test
	void aBinaryPacketAnnouncingMoreAttachmentsThanAllowedIsInvalid() {
		assertInvalid(this.decoder, "511-[\"message\"]");
		assertInvalid(this.decoder, "5999999999-[\"message\"]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "5-[\"message\"]", "51[\"message\"]", "5a-[\"message\"]", "51", "5", "6x-1[]" })
	void aBinaryPacketWithoutAValidAttachmentCountIsInvalid(String text) {
		assertInvalid(this.decoder, text);
	}

	@Test
	void anAttachmentWithoutABinaryPacketIsInvalid() {
		assertThatExceptionOfType(InvalidPacketException.class)
			.isThrownBy(() -> this.decoder.decodeAttachment(new byte[] { 1 }));
	}

	@Test
	void anAttachmentAfterTheLastOneOfItsPacketIsInvalid() {
		decode("51-[\"bin\",{\"_placeholder\":true,\"num\":0}]");
		this.decoder.decodeAttachment(new byte[] { 1 });

		assertThatExceptionOfType(InvalidPacketException.class)
			.isThrownBy(() -> this.decoder.decodeAttachment(new byte[] { 2 }));
	}

	@Test
	void aTextPacketWhileAttachmentsArePendingIsInvalid() {
		decode("52-[\"bin\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
		this.decoder.decodeAttachment(new byte[] { 1 });

		assertInvalid(this.decoder, "2[\"x\"]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"_placeholder\":true,\"num\":1}", "{\"_placeholder\":true,\"num\":-1}",
			"{\"_placeholder\":true,\"num\":\"0\"}", "{\"_placeholder\":true,\"num\":0.5}", "{\"_placeholder\":true}" })
	void aPlaceholderPointingOutsideTheAttachmentsIsInvalid(String placeholder) {
		PacketDecoder decoder = new PacketDecoder(MAPPER, PacketDecoder.DEFAULT_MAX_ATTACHMENTS);
		assertThat(decoder.decode(("51-[\"bin\"," + placeholder + "]").getBytes(StandardCharsets.UTF_8))).isNull();

		assertThatExceptionOfType(InvalidPacketException.class)
			.isThrownBy(() -> decoder.decodeAttachment(new byte[] { 1 }));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0\"hello\"", "0[1]", "0null", "0true", "0/custom,[]", "0{" })
	void aConnectPayloadThatIsNotAnObjectIsInvalid(String text) {
		assertInvalid(this.decoder, text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1{}", "1\"x\"", "1/custom,[]", "1[]" })
	void aDisconnectWithAPayloadIsInvalid(String text) {
		assertInvalid(this.decoder, text);
	}

	private Packet decode(String text) {
		return this.decoder.decode(text.getBytes(StandardCharsets.UTF_8));
	}

	private static Packet packet(PacketType type, String namespace, String json, long id) {
		return new Packet(type, namespace, MAPPER.readTree(json), id);
	}

	private static void assertInvalid(PacketDecoder decoder, String text) {
		assertThatExceptionOfType(InvalidPacketException.class).as("decoding '%s'", text)
			.isThrownBy(() -> decoder.decode(text.getBytes(StandardCharsets.UTF_8)));
	}

}
