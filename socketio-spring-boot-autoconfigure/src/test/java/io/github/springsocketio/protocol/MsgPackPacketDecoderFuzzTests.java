package io.github.springsocketio.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.springsocketio.engine.EngineMessage;
import io.github.springsocketio.engine.EnginePacketAccess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the msgpack parser's decoder with any binary message: each either yields a packet or ends with an
 * {@link InvalidPacketException}, never another exception, and a packet it yields is encoded and decoded back to the
 * same packet, with an encoding that is stable from then on. Without {@code JAZZER_FUZZ} it replays the committed
 * inputs.
 */
class MsgPackPacketDecoderFuzzTests {

	private static final int MAX_INPUT = 4096;

	private final MsgPackPacketParser parser = new MsgPackPacketParser(JsonLimits.defaults());

	@FuzzTest(maxDuration = "5m")
	void binaryMessages(byte[] input) {
		if (input.length > MAX_INPUT) {
			return;
		}
		Packet packet;
		try {
			packet = this.parser.newReader().read(new EngineMessage(input, true));
		}
		catch (InvalidPacketException ex) {
			// the connection is closed here
			return;
		}
		assertThat(packet).isNotNull();
		byte[] encoded = EnginePacketAccess.bytes(this.parser.encode(packet).get(0));
		Packet decoded = this.parser.newReader().read(new EngineMessage(encoded, true));
		assertThat(decoded).isEqualTo(packet);
		assertThat(EnginePacketAccess.bytes(this.parser.encode(decoded).get(0))).isEqualTo(encoded);
	}

}
