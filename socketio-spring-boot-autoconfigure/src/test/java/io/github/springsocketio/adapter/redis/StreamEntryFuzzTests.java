package io.github.springsocketio.adapter.redis;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterMessageCodec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.stream.ByteBufferRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes what the stream reader makes of an entry of the stream, whoever wrote it: its fields, any bytes, become a
 * cluster message, nothing (not a message) or an {@link IllegalArgumentException} the reader skips the entry for,
 * never another exception; a message read is written as an entry that reads back as the same entry. Without
 * {@code JAZZER_FUZZ} it replays the committed inputs.
 *
 * <p>An input is the entry's field names and values, alternately, separated by {@code 0x1E}.
 */
class StreamEntryFuzzTests {

	private static final int MAX_INPUT = 4096;

	private static final byte SEPARATOR = 0x1E;

	private final ClusterMessageCodec codec = new ClusterMessageCodec(JsonMapper.builder().build(), false);

	@FuzzTest(maxDuration = "5m")
	void streamEntries(byte[] input) {
		if (input.length > MAX_INPUT) {
			return;
		}
		ByteBufferRecord record = StreamRecords.newRecord()
			.in(RedisCommands.utf8("socket.io"))
			.withId("1795562757057-0")
			.ofBuffer(fields(input));
		ClusterMessage message;
		try {
			message = this.codec.fromStreamFields(StreamReader.fields(record));
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		if (message != null) {
			Map<String, String> written = this.codec.toStreamFields(message);
			ClusterMessage read = this.codec.fromStreamFields(written);
			assertThat(read).isNotNull();
			assertThat(this.codec.toStreamFields(read)).isEqualTo(written);
		}
	}

	private static Map<ByteBuffer, ByteBuffer> fields(byte[] input) {
		Map<ByteBuffer, ByteBuffer> fields = new LinkedHashMap<>();
		ByteBuffer name = null;
		int start = 0;
		for (int i = 0; i <= input.length; i++) {
			if (i == input.length || input[i] == SEPARATOR) {
				ByteBuffer part = ByteBuffer.wrap(Arrays.copyOfRange(input, start, i));
				if (name == null) {
					name = part;
				}
				else {
					fields.put(name, part);
					name = null;
				}
				start = i + 1;
			}
		}
		return fields;
	}

}
