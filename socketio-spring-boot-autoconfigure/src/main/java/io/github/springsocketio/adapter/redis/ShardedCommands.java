package io.github.springsocketio.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import reactor.core.publisher.Mono;

/**
 * The commands of the sharded adapter, {@code SPUBLISH} and {@code PUBSUB SHARDNUMSUB}, on one Lettuce connection
 * of its own: Spring Data Redis has neither. On a Redis Cluster, {@code SPUBLISH} goes to the master of the channel's
 * slot and {@code SHARDNUMSUB} is asked of every node and added up, as each counts only its own subscribers. Each
 * command is bounded by the request timeout and reports to {@link RedisAvailability}; while Redis is known to be down,
 * commands fail at once.
 */
final class ShardedCommands {

	private final LettuceConnection connection;

	private final String kind;

	private final Duration timeout;

	private final RedisAvailability availability;

	ShardedCommands(Supplier<AbstractRedisClient> client, String kind, Duration timeout,
			RedisAvailability availability) {
		this.connection = new LettuceConnection(client);
		this.kind = kind;
		this.timeout = timeout;
		this.availability = availability;
	}

	Mono<Long> publish(String channel, byte[] message) {
		return guard(this.connection.send((redis) -> redis.spublish(utf8(channel), message)), "SPUBLISH");
	}

	/** {@code PUBSUB SHARDNUMSUB}: how many connections subscribe to a sharded channel. */
	Mono<Long> subscriberCount(String channel) {
		return guard(count(channel), "PUBSUB SHARDNUMSUB");
	}

	/**
	 * {@link #subscriberCount}, sent even while Redis is known to be down: where no read loop runs, this is what
	 * notices that Redis is back.
	 */
	Mono<Long> probeSubscriberCount(String channel) {
		return bounded(count(channel));
	}

	private Mono<Long> count(String channel) {
		return this.connection.sumOverNodes((redis) -> redis.pubsubShardNumsub(utf8(channel))
			.map((counts) -> counts.values().stream().findFirst().orElse(0L))
			.defaultIfEmpty(0L), this.timeout.dividedBy(2));
	}

	private <T> Mono<T> guard(Mono<T> command, String name) {
		return this.availability.guard(command, name, this.timeout);
	}

	private <T> Mono<T> bounded(Mono<T> command) {
		return this.availability.watch(command, this.timeout);
	}

	/** @return what the commands go to, e.g. {@code cluster, 3 masters} ({@link LettuceConnection#topology}) */
	String topology() {
		return this.connection.topology(this.kind);
	}

	/**
	 * Closes the connection, also one still being opened (once it is).
	 * @return completes once closed
	 */
	CompletableFuture<Void> close() {
		return this.connection.close();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
