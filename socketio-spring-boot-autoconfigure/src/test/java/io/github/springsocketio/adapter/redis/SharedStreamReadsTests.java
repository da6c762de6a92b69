package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.springsocketio.adapter.ClusterMessageCodec;
import io.github.springsocketio.testing.Resources;
import io.lettuce.core.XAddArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream reads shared by the recoveries waiting at the same moment, on a Redis of the test's own so that its
 * {@code XRANGE} calls can be counted: each recovery takes, from one read, the broadcasts after its own offset that
 * were aimed at its rooms.
 */
class SharedStreamReadsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Pattern XRANGE_CALLS = Pattern.compile("cmdstat_xrange:calls=(\\d+)");

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = this.resources.add(TestRedis.start());

	private final String stream = TestRedis.uniqueName("reads");

	private final SharedStreamReads reads;

	SharedStreamReadsTests() {
		LettuceConnectionFactory connections = this.redis.connectionFactory();
		this.resources.add((AutoCloseable) connections::destroy);
		RedisCommands commands = new RedisCommands(connections, TIMEOUT,
				new RedisAvailability(RedisAddress.of(connections)));
		this.resources.add((AutoCloseable) commands::close);
		this.reads = new SharedStreamReads(commands, new ClusterMessageCodec(JsonMapper.builder().build(), false));
	}

	/** Adds a broadcast of {@code /} as a node writes it, and gives its id. */
	private StreamId broadcast(String event, String rooms, String extra) {
		String data = "{\"packet\":{\"type\":2,\"data\":[\"" + event + "\"]" + extra + "},\"opts\":{\"rooms\":[" + rooms
				+ "],\"except\":[],\"flags\":{}}}";
		String id = this.redis.commands((redis) -> redis.xadd(this.stream, new XAddArgs(),
				Map.of("uid", "0123456789abcdef", "nsp", "/", "type", "3", "data", data)));
		return StreamId.parse(id);
	}

	private long xrangeCalls() {
		Matcher calls = XRANGE_CALLS.matcher(this.redis.commands((redis) -> redis.info("commandstats")));
		return calls.find() ? Long.parseLong(calls.group(1)) : 0;
	}

	private static List<String> names(List<ArrayNode> missed) {
		return missed.stream().map((event) -> event.get(0).asString()).toList();
	}

	@Test
	void recoveriesWaitingAtTheSameMomentShareOneReadEachTakingWhatCameAfterItsOwnOffset() {
		StreamId first = broadcast("first", "", "");
		StreamId toRoom1 = broadcast("to-room1", "\"room1\"", "");
		broadcast("with-ack", "", ",\"id\":7");
		StreamId toAll = broadcast("to-all", "", "");
		long before = xrangeCalls();

		List<StreamTail> tails = Flux.range(0, 100)
			.flatMapSequential((i) -> this.reads.from(this.stream, (i % 2 == 0) ? first : toRoom1), 100)
			.collectList()
			.block(TIMEOUT);

		// the first recovery's read starts at once; all the others wait for the next one and share it
		assertThat(xrangeCalls() - before).isBetween(1L, 3L);
		for (int i = 0; i < tails.size(); i++) {
			StreamTail tail = tails.get(i);
			StreamId offset = (i % 2 == 0) ? first : toRoom1;
			assertThat(tail.contains(offset)).isTrue();
			assertThat(names(tail.missed(offset, "/", Set.of("room1")))).as("recovery %d in room1", i)
				.containsExactlyElementsOf((i % 2 == 0) ? List.of("to-room1", "to-all") : List.of("to-all"));
			assertThat(names(tail.missed(offset, "/", Set.of("room2")))).containsExactly("to-all");
			assertThat(tail.missed(offset, "/other", Set.of("room1"))).isEmpty();
		}
		List<ArrayNode> missed = tails.get(0).missed(first, "/", Set.of("room1"));
		assertThat(missed.get(0).get(1).asString()).as("the offset, appended").isEqualTo(toRoom1.toString());
		assertThat(missed.get(1).get(1).asString()).isEqualTo(toAll.toString());
	}

	@Test
	void aStreamLongerThanAPageIsReadToItsEndInPages() {
		StreamId first = broadcast("0", "", "");
		for (int i = 1; i < 2 * SharedStreamReads.PAGE + 500; i++) {
			broadcast(Integer.toString(i), "", "");
		}
		long before = xrangeCalls();

		StreamTail tail = this.reads.from(this.stream, first).block(TIMEOUT);

		assertThat(tail).isNotNull();
		assertThat(tail.size()).isEqualTo(2 * SharedStreamReads.PAGE + 500);
		assertThat(xrangeCalls() - before).isEqualTo(3);
		List<ArrayNode> missed = tail.missed(first, "/", Set.of());
		assertThat(missed).hasSize(2 * SharedStreamReads.PAGE + 499);
		assertThat(missed.get(missed.size() - 1).get(0).asString())
			.isEqualTo(Integer.toString(2 * SharedStreamReads.PAGE + 499));
	}

	@Test
	void anOffsetTheStreamNoLongerHoldsIsReportedAsUnknown() {
		broadcast("kept", "", "");
		StreamId trimmed = StreamId.parse("1-0");

		StreamTail tail = this.reads.from(this.stream, trimmed).block(TIMEOUT);

		assertThat(tail.contains(trimmed)).isFalse();
		assertThat(names(tail.missed(trimmed, "/", Set.of()))).containsExactly("kept");
	}

	@Test
	void offsetsAClientMaySendAreReadSafely() {
		assertThat(StreamId.parse("1700000000000-3")).isEqualTo(new StreamId(1700000000000L, 3));
		assertThat(StreamId.parse("MzUPkW0")).isNull();
		assertThat(StreamId.parse("12")).isNull();
		assertThat(StreamId.parse("99999999999999999999-0")).as("past 64 bits").isNull();
		assertThat(new StreamId(5, Long.MAX_VALUE).next()).isEqualTo(new StreamId(6, 0));
	}

}
