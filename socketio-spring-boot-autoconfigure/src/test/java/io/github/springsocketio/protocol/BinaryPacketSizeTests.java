package io.github.springsocketio.protocol;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A binary packet under reconstruction counts against one limit as a whole, its text and every attachment received
 * so far: a packet that announces many attachments cannot hold more than the limit, whatever each message weighs.
 */
class BinaryPacketSizeTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String HEADER = "53-[\"upload\",{\"_placeholder\":true,\"num\":0},"
			+ "{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":2}]";

	private static final int LIMIT = 1_000;

	private final PacketDecoder decoder = new PacketDecoder(MAPPER, JsonLimits.defaults().readingFactory(MAPPER),
			PacketDecoder.DEFAULT_MAX_ATTACHMENTS, LIMIT);

	@Test
	void aPacketExactlyAtTheLimitIsReassembled() {
		int text = header().length;
		this.decoder.decode(header());
		this.decoder.decodeAttachment(new byte[300]);
		this.decoder.decodeAttachment(new byte[300]);

		Packet packet = this.decoder.decodeAttachment(new byte[LIMIT - text - 600]);

		assertThat(packet).isNotNull();
		assertThat(packet.type()).isEqualTo(PacketType.EVENT);
		assertThat(this.decoder.bufferedBytes()).isZero();
	}

	@Test
	void theHeldBytesAreTheTextAndTheAttachmentsSoFar() {
		this.decoder.decode(header());
		assertThat(this.decoder.bufferedBytes()).isEqualTo(header().length);

		this.decoder.decodeAttachment(new byte[300]);

		assertThat(this.decoder.bufferedBytes()).isEqualTo(header().length + 300);
	}

	@Test
	void anAttachmentThatWouldTakeThePacketPastTheLimitIsRefusedAndNothingIsKept() {
		this.decoder.decode(header());
		this.decoder.decodeAttachment(new byte[600]);

		assertThatExceptionOfType(InvalidPacketException.class)
			.isThrownBy(() -> this.decoder.decodeAttachment(new byte[LIMIT - header().length - 600 + 1]))
			.withMessageContaining("larger than 1000 bytes");
		assertThat(this.decoder.bufferedBytes()).isZero();
		assertThat(this.decoder.awaitingAttachments()).isFalse();
	}

	@Test
	void eachMessageUnderTheLimitIsNotEnoughWhenTheyAddUp() {
		// the shape of the attack: many announced attachments, each one well under the per-message limit
		this.decoder.decode(header());

		this.decoder.decodeAttachment(new byte[LIMIT / 2]);

		assertThatExceptionOfType(InvalidPacketException.class)
			.isThrownBy(() -> this.decoder.decodeAttachment(new byte[LIMIT / 2]));
	}

	@Test
	void withoutALimitOnlyTheAttachmentCountBoundsAPacket() {
		PacketDecoder unlimited = new PacketDecoder(MAPPER, PacketDecoder.DEFAULT_MAX_ATTACHMENTS);
		unlimited.decode(header());
		unlimited.decodeAttachment(new byte[LIMIT]);
		unlimited.decodeAttachment(new byte[LIMIT]);

		assertThat(unlimited.decodeAttachment(new byte[LIMIT])).isNotNull();
	}

	private static byte[] header() {
		return HEADER.getBytes(StandardCharsets.UTF_8);
	}

}
