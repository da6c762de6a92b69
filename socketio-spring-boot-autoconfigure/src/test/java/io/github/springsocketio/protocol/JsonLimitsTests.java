package io.github.springsocketio.protocol;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The limits on the JSON of inbound packets: the parser refuses a packet past one before building it, names the
 * limit, and leaves the application's mapper as it was.
 */
class JsonLimitsTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonLimits SMALL = new JsonLimits(3, 40, 10, 5);

	private static PacketDecoder decoder(JsonMapper mapper, JsonLimits limits) {
		return new PacketDecoder(mapper, limits.readingFactory(mapper), PacketDecoder.DEFAULT_MAX_ATTACHMENTS,
				Long.MAX_VALUE);
	}

	private static Packet decode(PacketDecoder decoder, String text) {
		return decoder.decode(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String refusal(JsonLimits limits, String text) {
		return assertThatExceptionOfType(PacketLimitException.class)
			.isThrownBy(() -> decode(decoder(MAPPER, limits), text))
			.actual()
			.limit();
	}

	@Test
	void aPacketWithinEveryLimitIsDecoded() {
		assertThat(decode(decoder(MAPPER, SMALL), "2[\"e\",[[1]],\"0123456789\",12345]").data())
			.hasToString("[\"e\",[[1]],\"0123456789\",12345]");
	}

	@Test
	void eachLimitIsNamedWhenPassed() {
		assertThat(refusal(SMALL, "2[\"e\",[[[1]]]]")).isEqualTo(PacketLimitException.JSON_NESTING_DEPTH);
		assertThat(refusal(SMALL, "2[\"e\",1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]"))
			.isEqualTo(PacketLimitException.JSON_DOCUMENT_LENGTH);
		assertThat(refusal(SMALL, "2[\"e\",\"01234567890\"]")).isEqualTo(PacketLimitException.JSON_STRING_LENGTH);
		assertThat(refusal(SMALL, "2[\"e\",123456]")).isEqualTo(PacketLimitException.JSON_NUMBER_LENGTH);
	}

	@Test
	void aPacketNested100000DeepIsRefusedByTheDefaults() {
		String deep = "2[\"e\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]";

		assertThat(refusal(JsonLimits.defaults(), deep)).isEqualTo(PacketLimitException.JSON_NESTING_DEPTH);
	}

	@Test
	void tooManyAttachmentsAreALimitToo() {
		PacketDecoder decoder = new PacketDecoder(MAPPER, 2);

		assertThatExceptionOfType(PacketLimitException.class)
			.isThrownBy(() -> decode(decoder, "53-[\"e\",{\"_placeholder\":true,\"num\":0}]"))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(PacketLimitException.ATTACHMENTS));
	}

	@Test
	void theApplicationsMapperKeepsItsConstraintsAndStillShapesTheTrees() {
		JsonMapper mapper = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

		Packet packet = decode(decoder(mapper, SMALL), "2[\"e\",0.1]");

		assertThat(packet.data().get(1).isBigDecimal()).isTrue();
		assertThat(mapper.tokenStreamFactory().streamReadConstraints().getMaxNestingDepth())
			.isEqualTo(StreamReadConstraints.defaults().getMaxNestingDepth());
	}

	@Test
	void whatFollowsTheJsonValueIsStillInvalid() {
		assertThatExceptionOfType(InvalidPacketException.class)
			.isThrownBy(() -> decode(decoder(MAPPER, SMALL), "2[\"e\"]]"));
		assertThatExceptionOfType(InvalidPacketException.class)
			.isThrownBy(() -> decode(decoder(MAPPER, SMALL), "0 "));
	}

	@Test
	void aLimitBelowOneIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new JsonLimits(0, 1, 1, 1))
			.withMessageContaining("maxNestingDepth");
	}

}
