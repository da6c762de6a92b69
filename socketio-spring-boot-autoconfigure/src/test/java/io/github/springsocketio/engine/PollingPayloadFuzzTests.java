package io.github.springsocketio.engine;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the decoding of what Engine.IO clients send: a polling request body either decodes into packets (stopping
 * quietly at the first invalid one) or nothing, a single text packet decodes the same from a buffer as from an
 * array, and the messages a body decodes to survive encoding and decoding again. Without {@code JAZZER_FUZZ} it
 * replays the committed inputs.
 */
class PollingPayloadFuzzTests {

	/** Larger bodies test memory, not the decoding logic (the body limit guards them). */
	private static final int MAX_BODY = 4096;

	@FuzzTest(maxDuration = "5m")
	void requestBodies(byte[] body) {
		if (body.length > MAX_BODY) {
			return;
		}
		PollingPayload.Decoded decoded = PollingPayload.decode(body);
		for (InboundPacket packet : decoded.packets()) {
			assertThat(packet.type()).isBetween(EnginePacket.OPEN, EnginePacket.NOOP);
		}
		decodesTheSameFromABuffer(body);
		List<EnginePacket> messages = new ArrayList<>();
		for (InboundPacket packet : decoded.packets()) {
			if (packet.binary()) {
				messages.add(EnginePacket.binary(packet.data()));
			}
			else if (packet.type() == EnginePacket.MESSAGE) {
				messages.add(EnginePacket.encodedText(withType(packet)));
			}
		}
		if (!messages.isEmpty()) {
			roundTrips(messages);
		}
	}

	private static void decodesTheSameFromABuffer(byte[] body) {
		InboundPacket fromArray;
		try {
			fromArray = InboundPacket.decodeText(body, 0, body.length);
		}
		catch (InboundPacket.InvalidPacketException ex) {
			fromArray = null;
		}
		InboundPacket fromBuffer;
		try {
			fromBuffer = InboundPacket.decodeText(Unpooled.wrappedBuffer(body));
		}
		catch (InboundPacket.InvalidPacketException ex) {
			fromBuffer = null;
		}
		assertThat(fromBuffer == null).isEqualTo(fromArray == null);
		if (fromArray != null && fromBuffer != null) {
			assertThat(fromBuffer.type()).isEqualTo(fromArray.type());
			assertThat(fromBuffer.data()).isEqualTo(fromArray.data());
		}
	}

	private static void roundTrips(List<EnginePacket> messages) {
		ByteBuf encoded = PollingPayload.encode(messages);
		PollingPayload.Decoded again = PollingPayload.decode(ByteBufUtil.getBytes(encoded));
		assertThat(again.error()).isNull();
		assertThat(again.packets()).hasSameSizeAs(messages);
		for (int i = 0; i < messages.size(); i++) {
			InboundPacket packet = again.packets().get(i);
			EnginePacket message = messages.get(i);
			assertThat(packet.binary()).isEqualTo(message.isBinary());
			assertThat(packet.binary() ? packet.data() : withType(packet)).isEqualTo(message.bytes());
		}
	}

	private static byte[] withType(InboundPacket packet) {
		byte[] bytes = new byte[packet.data().length + 1];
		bytes[0] = packet.type();
		System.arraycopy(packet.data(), 0, bytes, 1, packet.data().length);
		return bytes;
	}

}
