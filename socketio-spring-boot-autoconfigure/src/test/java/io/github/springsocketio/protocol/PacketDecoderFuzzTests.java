package io.github.springsocketio.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.EnginePacketAccess;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the Socket.IO decoder of one connection with sequences of messages: every sequence either yields packets
 * or ends with an {@link InvalidPacketException}, never another exception, and each packet it yields is encoded and
 * decoded back to the same packet. Without {@code JAZZER_FUZZ} it replays the committed inputs.
 *
 * <p>An input is a sequence of messages separated by {@code 0x1E}; a message starting with {@code b} is a binary
 * attachment (the bytes after the {@code b}), any other a text message.
 */
class PacketDecoderFuzzTests {

	private static final int MAX_INPUT = 4096;

	private static final byte SEPARATOR = 0x1E;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final PacketEncoder encoder = new PacketEncoder(MAPPER);

	@FuzzTest(maxDuration = "5m")
	void messageSequences(byte[] input) {
		if (input.length > MAX_INPUT) {
			return;
		}
		PacketDecoder decoder = new PacketDecoder(MAPPER, PacketDecoder.DEFAULT_MAX_ATTACHMENTS);
		for (byte[] message : messages(input)) {
			Packet packet;
			try {
				packet = isAttachment(message) ? decoder.decodeAttachment(Arrays.copyOfRange(message, 1, message.length))
						: decoder.decode(message);
			}
			catch (InvalidPacketException ex) {
				// the connection is closed here: what follows is never decoded
				return;
			}
			if (packet != null) {
				assertThat(decoder.awaitingAttachments()).isFalse();
				roundTrips(packet);
			}
		}
	}

	private void roundTrips(Packet packet) {
		List<EnginePacket> encoded = this.encoder.encode(packet);
		Packet decoded = decode(encoded);
		assertThat(decoded.type()).isEqualTo(packet.type());
		assertThat(decoded.namespace()).isEqualTo(packet.namespace());
		assertThat(decoded.id()).isEqualTo(packet.id());
		// the encoding of what was decoded is the encoding itself (numbers JSON cannot hold are normalised once)
		assertThat(this.encoder.encode(decoded)).map(EnginePacketAccess::bytes)
			.containsExactlyElementsOf(encoded.stream().map(EnginePacketAccess::bytes).toList());
	}

	private static Packet decode(List<EnginePacket> encoded) {
		PacketDecoder decoder = new PacketDecoder(MAPPER, Integer.MAX_VALUE);
		byte[] text = EnginePacketAccess.bytes(encoded.get(0));
		Packet packet = decoder.decode(Arrays.copyOfRange(text, 1, text.length));
		for (int i = 1; i < encoded.size(); i++) {
			assertThat(packet).isNull();
			packet = decoder.decodeAttachment(EnginePacketAccess.bytes(encoded.get(i)));
		}
		assertThat(packet).isNotNull();
		return packet;
	}

	private static boolean isAttachment(byte[] message) {
		return message.length > 0 && message[0] == 'b';
	}

	private static List<byte[]> messages(byte[] input) {
		List<byte[]> messages = new ArrayList<>();
		int start = 0;
		for (int i = 0; i <= input.length; i++) {
			if (i == input.length || input[i] == SEPARATOR) {
				messages.add(Arrays.copyOfRange(input, start, i));
				start = i + 1;
			}
		}
		return messages;
	}

}
