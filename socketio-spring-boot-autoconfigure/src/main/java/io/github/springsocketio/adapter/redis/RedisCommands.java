package io.github.springsocketio.adapter.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.stream.ByteBufferRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The Redis commands the adapter issues, on the application's connection factory: one shared connection for every
 * command but the blocking reads. Each command is bounded by the request timeout and reports to
 * {@link RedisAvailability}; while Redis is known to be down, commands fail at once.
 */
final class RedisCommands {

	/** GET and DEL in one step, as Node's adapter does with MULTI, for any Redis version. */
	private static final ByteBuffer GET_AND_DELETE = utf8(
			"local value = redis.call('GET', KEYS[1]) if value then redis.call('DEL', KEYS[1]) end return value");

	private static final ByteBuffer SUBSCRIBER_COUNT = utf8("return redis.call('PUBSUB', 'NUMSUB', KEYS[1])");

	private final LazilyOpened<ReactiveRedisConnection> connection;

	/** On a Redis Cluster, where each node counts its own subscribers only: a connection that asks every node. */
	private final @Nullable LettuceConnection cluster;

	/** {@code standalone}, {@code sentinel} or {@code cluster}. */
	private final String kind;

	private final Duration timeout;

	private final RedisAvailability availability;

	RedisCommands(ReactiveRedisConnectionFactory factory, Duration timeout, RedisAvailability availability) {
		this.connection = new LazilyOpened<>(factory::getReactiveConnection,
				(connection) -> connection.closeLater().toFuture());
		this.cluster = LettuceConnection.isCluster(factory) ? new LettuceConnection(() -> LettuceConnection.client(factory))
				: null;
		this.kind = LettuceConnection.kind(factory);
		this.timeout = timeout;
		this.availability = availability;
	}

	Mono<String> xadd(String stream, Map<String, String> fields, long maxLength) {
		Map<ByteBuffer, ByteBuffer> body = new LinkedHashMap<>(fields.size() * 2);
		fields.forEach((key, value) -> body.put(utf8(key), utf8(value)));
		ByteBufferRecord record = StreamRecords.rawBuffer(body).withStreamKey(utf8(stream));
		return guard((connection) -> connection.streamCommands()
			.xAdd(record, XAddOptions.maxlen(maxLength).approximateTrimming(true))
			.map((id) -> id.getValue()), "XADD");
	}

	Mono<Long> publish(String channel, byte[] message) {
		return guard((connection) -> connection.pubSubCommands().publish(utf8(channel), ByteBuffer.wrap(message)),
				"PUBLISH");
	}

	/**
	 * {@code PUBSUB NUMSUB}: how many connections subscribe to a channel. Through a script, as the reactive
	 * connection has no command for it (scripts may call it). On a Redis Cluster, where each node counts only the
	 * connections subscribed on it, asked of every node and added up, as Node's adapters do.
	 */
	Mono<Long> subscriberCount(String channel) {
		if (!this.availability.isAvailable()) {
			return Mono.error(new RedisUnavailableException("Redis is unavailable: PUBSUB NUMSUB not sent"));
		}
		return probeSubscriberCount(channel);
	}

	/**
	 * {@link #subscriberCount}, sent even while Redis is known to be down: where no read loop runs, this is what
	 * notices that Redis is back.
	 */
	Mono<Long> probeSubscriberCount(String channel) {
		LettuceConnection nodes = this.cluster;
		if (nodes != null) {
			byte[] name = channel.getBytes(StandardCharsets.UTF_8);
			return bounded(nodes.sumOverNodes((redis) -> redis.pubsubNumsub(name)
				.map((counts) -> counts.values().stream().findFirst().orElse(0L))
				.defaultIfEmpty(0L), this.timeout.dividedBy(2)));
		}
		return send((connection) -> connection.scriptingCommands()
			.<List<Object>>eval(SUBSCRIBER_COUNT.duplicate(), ReturnType.MULTI, 1, utf8(channel))
			.next()
			.map((reply) -> (reply.size() > 1 && reply.get(1) instanceof Number count) ? count.longValue() : 0L));
	}

	Mono<Boolean> setWithTtl(String key, byte[] value, Duration ttl) {
		return guard((connection) -> connection.stringCommands()
			.set(utf8(key), ByteBuffer.wrap(value), Expiration.milliseconds(ttl.toMillis()), SetOption.upsert()), "SET");
	}

	Mono<byte[]> getAndDelete(String key) {
		return guard((connection) -> connection.scriptingCommands()
			.<ByteBuffer>eval(GET_AND_DELETE.duplicate(), ReturnType.VALUE, 1, utf8(key))
			.next()
			.map(RedisCommands::bytes), "GET/DEL");
	}

	/** {@code HSET} of many fields, then {@code PEXPIRE} of the hash, one round trip apart. */
	Mono<Void> putAll(String hash, Map<String, byte[]> fields, Duration ttl) {
		Map<ByteBuffer, ByteBuffer> body = new LinkedHashMap<>(fields.size() * 2);
		fields.forEach((field, value) -> body.put(utf8(field), ByteBuffer.wrap(value)));
		return guard((connection) -> connection.hashCommands().hMSet(utf8(hash), body)
			.then(connection.keyCommands().pExpire(utf8(hash), ttl)), "HSET").then();
	}

	Mono<Long> removeFields(String hash, Collection<String> fields) {
		return guard((connection) -> connection.hashCommands()
			.hDel(utf8(hash), fields.stream().map(RedisCommands::utf8).toList()), "HDEL");
	}

	Mono<byte[]> field(String hash, String field) {
		return guard((connection) -> connection.hashCommands().hGet(utf8(hash), utf8(field)), "HGET")
			.map(RedisCommands::bytes);
	}

	Mono<Boolean> exists(String key) {
		return guard((connection) -> connection.keyCommands().exists(utf8(key)), "EXISTS");
	}

	Mono<Boolean> expire(String key, Duration ttl) {
		return guard((connection) -> connection.keyCommands().pExpire(utf8(key), ttl), "PEXPIRE");
	}

	Mono<Long> delete(String key) {
		return guard((connection) -> connection.keyCommands().del(utf8(key)), "DEL");
	}

	/** {@code ZADD}, then {@code ZREMRANGEBYSCORE} of the members scored below a horizon. */
	Mono<Void> scoreAndTrim(String set, String member, double score, double horizon) {
		return guard((connection) -> connection.zSetCommands().zAdd(utf8(set), score, utf8(member))
			.then(connection.zSetCommands()
				.zRemRangeByScore(utf8(set), Range.rightOpen(Double.NEGATIVE_INFINITY, horizon))), "ZADD").then();
	}

	Mono<Long> removeMember(String set, String member) {
		return guard((connection) -> connection.zSetCommands().zRem(utf8(set), utf8(member)), "ZREM");
	}

	Mono<List<String>> members(String set) {
		return guard((connection) -> connection.zSetCommands().zRange(utf8(set), Range.closed(0L, -1L))
			.map(RedisCommands::text)
			.collectList(), "ZRANGE");
	}

	Flux<ByteBufferRecord> range(String stream, String from, @Nullable String to, int limit) {
		Range<String> range = (to != null) ? Range.closed(from, to) : Range.rightUnbounded(Range.Bound.inclusive(from));
		Limit bound = (limit > 0) ? Limit.limit().count(limit) : Limit.unlimited();
		return guard((connection) -> connection.streamCommands().xRange(utf8(stream), range, bound).collectList(),
				"XRANGE")
			.flatMapIterable((records) -> records);
	}

	private <T> Mono<T> guard(Function<ReactiveRedisConnection, Mono<T>> command, String name) {
		return this.availability.guard(this.connection.get().flatMap(command), name, this.timeout);
	}

	private <T> Mono<T> send(Function<ReactiveRedisConnection, Mono<T>> command) {
		return bounded(this.connection.get().flatMap(command));
	}

	private <T> Mono<T> bounded(Mono<T> command) {
		return this.availability.watch(command, this.timeout);
	}

	/** @return what the commands go to, e.g. {@code cluster, 3 masters} ({@link LettuceConnection#topology}) */
	String topology() {
		LettuceConnection nodes = this.cluster;
		return (nodes != null) ? nodes.topology(this.kind) : this.kind;
	}

	void close() {
		this.connection.close();
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	static ByteBuffer utf8(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	static String text(ByteBuffer buffer) {
		return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
	}

	static List<String> idParts(String id) {
		int dash = id.indexOf('-');
		return (dash < 0) ? List.of(id, "0") : List.of(id.substring(0, dash), id.substring(dash + 1));
	}

}
