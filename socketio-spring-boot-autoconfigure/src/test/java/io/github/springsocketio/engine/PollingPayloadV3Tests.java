package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Engine.IO v3 polling payload as Node's {@code engine.io} 6 ({@code parser-v3}) writes and reads it: text
 * payloads framed by UTF-16 lengths, binary payloads framed by digit bytes, and a decoder that stops at the first
 * invalid packet rather than failing.
 */
class PollingPayloadV3Tests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void aTextPayloadPrefixesEachPacketWithItsLengthInUtf16CodeUnits() {
		HttpReply reply = PollingPayloadV3.encode(
				List.of(EnginePacket.text("é😀"), EnginePacket.control(EnginePacket.NOOP)), true, true);

		assertThat(reply.contentType()).isEqualTo(HttpReply.TEXT_PLAIN);
		assertThat(ByteBufUtil.getBytes(reply.body())).asString(StandardCharsets.UTF_8).isEqualTo("4:4é😀1:6");
	}

	@Test
	void binaryIsBase64WithItsTypeWhenTheClientTakesNoBinary() {
		HttpReply reply = PollingPayloadV3.encode(List.of(EnginePacket.binary(new byte[] { 1, 2, 3 })), false, true);

		assertThat(ByteBufUtil.getBytes(reply.body())).asString(StandardCharsets.UTF_8).isEqualTo("6:b4AQID");
	}

	@Test
	void aResponseWithBinaryIsABinaryPayloadForAClientThatTakesBinary() {
		HttpReply reply = PollingPayloadV3.encode(
				List.of(EnginePacket.text("é"), EnginePacket.binary(new byte[] { 1, 2, 3 })), true, true);

		assertThat(reply.contentType()).isEqualTo(PollingPayloadV3.OCTET_STREAM);
		// "4é" is 3 UTF-8 bytes; the binary packet's length counts its type byte
		assertThat(HEX.formatHex(ByteBufUtil.getBytes(reply.body()))).isEqualTo("0003ff34c3a9" + "0104ff04010203");
	}

	@Test
	void longLengthsAreWrittenOneDigitPerByte() {
		HttpReply reply = PollingPayloadV3.encode(List.of(EnginePacket.binary(new byte[122])), true, true);

		assertThat(HEX.formatHex(ByteBufUtil.getBytes(reply.body()), 0, 6)).isEqualTo("01010203ff04");
	}

	@Test
	void bothPayloadsDecodeBackToTheirPackets() {
		PollingPayload.Decoded text = PollingPayloadV3.decode("4:4é😀6:b4AQID1:2".getBytes(StandardCharsets.UTF_8),
				false);
		PollingPayload.Decoded binary = PollingPayloadV3.decode(HEX.parseHex("0003ff34c3a9" + "0104ff04010203"), true);

		assertThat(text.error()).isNull();
		assertThat(text.packets()).extracting(InboundPacket::type)
			.containsExactly(EnginePacket.MESSAGE, EnginePacket.MESSAGE, EnginePacket.PING);
		assertThat(text.packets().get(0).data()).asString(StandardCharsets.UTF_8).isEqualTo("é😀");
		assertThat(text.packets().get(1).data()).containsExactly(1, 2, 3);
		assertThat(binary.error()).isNull();
		assertThat(binary.packets().get(0).data()).asString(StandardCharsets.UTF_8).isEqualTo("é");
		assertThat(binary.packets().get(1).binary()).isTrue();
		assertThat(binary.packets().get(1).data()).containsExactly(1, 2, 3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "6:4hello9:4cut", "x:4a", ":4a", "6:4hello2", "99999999999:4", "2:9a", "2:b1" })
	void anInvalidTextPayloadStopsAtItsFirstInvalidPacket(String body) {
		PollingPayload.Decoded decoded = PollingPayloadV3.decode(body.getBytes(StandardCharsets.UTF_8), false);

		assertThat(decoded.error()).isNotNull();
		assertThat(decoded.packets()).allSatisfy((packet) -> assertThat(packet.data()).asString().isEqualTo("hello"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "02ff34", "00", "0002", "000aff34", "0001ff", "0100ff", "0102ff0501", "00010203040506070809010203ff" })
	void anInvalidBinaryPayloadIsAnError(String hex) {
		assertThat(PollingPayloadV3.decode(HEX.parseHex(hex), true).error()).isNotNull();
	}

	@Test
	void arbitraryBodiesDecodeWithoutThrowing() {
		Random random = new Random(3);
		for (int i = 0; i < 20_000; i++) {
			byte[] body = new byte[random.nextInt(24)];
			random.nextBytes(body);
			if (random.nextBoolean() && body.length > 2) {
				// mostly well-formed starts, to reach past the first length
				body[0] = (byte) random.nextInt(2);
				body[1] = (byte) random.nextInt(10);
				body[2] = (byte) 0xFF;
			}
			for (InboundPacket packet : PollingPayloadV3.decode(body, true).packets()) {
				assertThat(packet.type()).isBetween(EnginePacket.OPEN, EnginePacket.NOOP);
			}
			for (InboundPacket packet : PollingPayloadV3.decode(body, false).packets()) {
				assertThat(packet.type()).isBetween(EnginePacket.OPEN, EnginePacket.NOOP);
			}
		}
	}

}
