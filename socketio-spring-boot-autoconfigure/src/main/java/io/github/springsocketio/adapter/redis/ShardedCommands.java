package io.github.springsocketio.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The commands of the sharded adapter, {@code SPUBLISH} and {@code PUBSUB SHARDNUMSUB}, on one Lettuce connection
 * of its own: Spring Data Redis has neither. The connection is opened at its first use, off the event loops, and
 * reconnects by itself once open. Each command is bounded by the request timeout and reports to
 * {@link RedisAvailability}; while Redis is known to be down, commands fail at once.
 */
final class ShardedCommands {

	private final Supplier<RedisClient> client;

	private final Duration timeout;

	private final RedisAvailability availability;

	private @Nullable CompletableFuture<StatefulRedisConnection<byte[], byte[]>> opening;

	private boolean closed;

	ShardedCommands(Supplier<RedisClient> client, Duration timeout, RedisAvailability availability) {
		this.client = client;
		this.timeout = timeout;
		this.availability = availability;
	}

	Mono<Long> publish(String channel, byte[] message) {
		return guard((redis) -> redis.spublish(utf8(channel), message), "SPUBLISH");
	}

	/** {@code PUBSUB SHARDNUMSUB}: how many connections subscribe to a sharded channel. */
	Mono<Long> subscriberCount(String channel) {
		return guard((redis) -> count(redis, channel), "PUBSUB SHARDNUMSUB");
	}

	/**
	 * {@link #subscriberCount}, sent even while Redis is known to be down: where no read loop runs, this is what
	 * notices that Redis is back.
	 */
	Mono<Long> probeSubscriberCount(String channel) {
		return send((redis) -> count(redis, channel));
	}

	private static Mono<Long> count(RedisReactiveCommands<byte[], byte[]> redis, String channel) {
		return redis.pubsubShardNumsub(utf8(channel))
			.map((counts) -> counts.values().stream().findFirst().orElse(0L))
			.defaultIfEmpty(0L);
	}

	private <T> Mono<T> guard(Function<RedisReactiveCommands<byte[], byte[]>, Mono<T>> command, String name) {
		if (!this.availability.isAvailable()) {
			return Mono.error(new RedisUnavailableException("Redis is unavailable: " + name + " not sent"));
		}
		return send(command);
	}

	private <T> Mono<T> send(Function<RedisReactiveCommands<byte[], byte[]>, Mono<T>> command) {
		return Mono.defer(() -> {
			CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection = connection();
			return (connection != null) ? Mono.fromFuture(connection, true)
					: Mono.error(new RedisUnavailableException("Redis connection closed"));
		})
			.flatMap((connection) -> command.apply(connection.reactive()))
			.timeout(this.timeout)
			.doOnSuccess((ignored) -> this.availability.succeeded())
			.doOnError((error) -> this.availability.failed(error));
	}

	/** The connection, opened by the first command that needs it; a failed opening is tried again at the next. */
	private synchronized @Nullable CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection() {
		if (this.closed) {
			return null;
		}
		CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current = this.opening;
		if (current == null || current.isCompletedExceptionally()) {
			CompletableFuture<StatefulRedisConnection<byte[], byte[]>> opened = new CompletableFuture<>();
			Schedulers.boundedElastic().schedule(() -> {
				try {
					opened.complete(this.client.get().connect(ByteArrayCodec.INSTANCE));
				}
				catch (RuntimeException ex) {
					opened.completeExceptionally(ex);
				}
			});
			this.opening = opened;
			current = opened;
		}
		return current;
	}

	/**
	 * Closes the connection, also one still being opened (once it is).
	 * @return completes once closed
	 */
	CompletableFuture<Void> close() {
		CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current;
		synchronized (this) {
			this.closed = true;
			current = this.opening;
		}
		return (current != null) ? current.thenCompose(StatefulRedisConnection::closeAsync)
				: CompletableFuture.completedFuture(null);
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
