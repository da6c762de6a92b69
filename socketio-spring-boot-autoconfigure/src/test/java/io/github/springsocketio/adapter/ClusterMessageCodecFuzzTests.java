package io.github.springsocketio.adapter;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.springsocketio.protocol.MsgPack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the decoding of what other nodes send: MessagePack values, PUB/SUB envelopes and the {@code data} of stream
 * entries (compact JSON, or base64 MessagePack) either decode or throw {@link IllegalArgumentException}, never
 * another exception, and what they decode to is encoded into bytes that decode and encode to the same bytes again.
 * Without {@code JAZZER_FUZZ} it replays the committed inputs.
 */
class ClusterMessageCodecFuzzTests {

	/** Larger inputs test memory, not the decoding logic. */
	private static final int MAX_INPUT = 4096;

	private final ClusterMessageCodec codec = new ClusterMessageCodec(JsonMapper.builder().build(), false);

	@FuzzTest(maxDuration = "5m")
	void messagePackValues(byte[] input) {
		if (input.length > MAX_INPUT) {
			return;
		}
		JsonNode value;
		try {
			value = MsgPack.decode(input);
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		byte[] encoded = MsgPack.encode(value);
		assertThat(MsgPack.encode(MsgPack.decode(encoded))).isEqualTo(encoded);
	}

	@FuzzTest(maxDuration = "5m")
	void pubSubEnvelopes(byte[] input) {
		if (input.length > MAX_INPUT) {
			return;
		}
		ClusterMessage message;
		try {
			message = this.codec.fromEnvelope(input);
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		if (message != null) {
			byte[] encoded = this.codec.toEnvelope(message);
			ClusterMessage decoded = this.codec.fromEnvelope(encoded);
			assertThat(decoded).isNotNull();
			assertThat(this.codec.toEnvelope(decoded)).isEqualTo(encoded);
		}
	}

	@FuzzTest(maxDuration = "5m")
	void streamEntryData(byte[] input) {
		if (input.length > MAX_INPUT) {
			return;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("uid", "5e87b6c58a50c427");
		fields.put("nsp", "/");
		fields.put("type", "3");
		fields.put("data", new String(input, StandardCharsets.UTF_8));
		ClusterMessage message;
		try {
			message = this.codec.fromStreamFields(fields);
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		assertThat(message).isNotNull();
		Map<String, String> encoded = this.codec.toStreamFields(message);
		assertThat(this.codec.toStreamFields(this.codec.fromStreamFields(encoded))).isEqualTo(encoded);
	}

}
