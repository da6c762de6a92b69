package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.BaseRedisReactiveCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.codec.ByteArrayCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One Lettuce connection of the adapter's own, for what Spring Data Redis cannot do: made by the Lettuce client of
 * the application's connection factory (so with its address, credentials, TLS and, on a Redis Cluster, its topology
 * refresh), opened at its first use ({@link LazilyOpened}); Lettuce reconnects it once open. On a Redis Cluster it routes each command with a key to the master of the key's
 * slot, and {@link #sumOverNodes} asks every node.
 */
final class LettuceConnection {

	private static final Log logger = LogFactory.getLog(LettuceConnection.class);

	private final LazilyOpened<StatefulConnection<byte[], byte[]>> connection;

	LettuceConnection(Supplier<AbstractRedisClient> client) {
		this.connection = new LazilyOpened<>(() -> open(client.get()), StatefulConnection::closeAsync);
	}

	/**
	 * @param factory the application's connection factory
	 * @return the Lettuce client it connects with: a {@link RedisClient} or, on a Redis Cluster, a
	 * {@link RedisClusterClient}
	 * @throws IllegalStateException for a connection factory that is not Lettuce's
	 */
	static AbstractRedisClient client(ReactiveRedisConnectionFactory factory) {
		if (!(factory instanceof LettuceConnectionFactory lettuce)) {
			throw new IllegalStateException("Expected a LettuceConnectionFactory, got " + factory.getClass().getName());
		}
		return lettuce.getRequiredNativeClient();
	}

	/**
	 * Warns when the factory connects to a Redis Cluster without refreshing its view of the topology (Spring Boot's
	 * default): after a failover, Lettuce would keep sending the commands of the failed master's slots to its address.
	 * @param factory the application's connection factory
	 */
	static void warnWithoutTopologyRefresh(ReactiveRedisConnectionFactory factory) {
		if (!followsTopology(factory)) {
			logger.warn("The Redis Cluster client does not refresh its topology: after a failover, the cluster "
					+ "operations whose slots moved fail until the application restarts. Set "
					+ "spring.data.redis.lettuce.cluster.refresh.adaptive=true (and a refresh period)");
		}
	}

	/**
	 * @return {@code false} for a factory of a Redis Cluster whose client neither refreshes its topology periodically
	 * nor adaptively; {@code true} otherwise
	 */
	static boolean followsTopology(ReactiveRedisConnectionFactory factory) {
		if (!(factory instanceof LettuceConnectionFactory lettuce) || !lettuce.isClusterAware()) {
			return true;
		}
		ClientOptions options = lettuce.getClientConfiguration().getClientOptions().orElse(null);
		return options instanceof ClusterClientOptions cluster
				&& (cluster.getTopologyRefreshOptions().isPeriodicRefreshEnabled()
						|| !cluster.getTopologyRefreshOptions().getAdaptiveRefreshTriggers().isEmpty());
	}

	/**
	 * @param factory the application's connection factory
	 * @return {@code cluster}, {@code sentinel} or {@code standalone}
	 */
	static String kind(ReactiveRedisConnectionFactory factory) {
		if (factory instanceof LettuceConnectionFactory lettuce) {
			if (lettuce.isClusterAware()) {
				return "cluster";
			}
			if (lettuce.isRedisSentinelAware()) {
				return "sentinel";
			}
		}
		return "standalone";
	}

	/**
	 * @param kind what the factory connects to ({@link #kind})
	 * @return the kind, with the number of masters serving slots on a Redis Cluster once this connection is open
	 * (from Lettuce's view of the topology, without a round trip)
	 */
	String topology(String kind) {
		if (!(this.connection.ifOpen() instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster)) {
			return kind;
		}
		long masters = cluster.getPartitions().stream()
			.filter((node) -> node.is(NodeFlag.UPSTREAM) && answers(node) && !node.hasNoSlots())
			.count();
		return kind + ", " + masters + ((masters == 1) ? " master" : " masters");
	}

	/** @return whether the factory connects to a Redis Cluster */
	static boolean isCluster(ReactiveRedisConnectionFactory factory) {
		return factory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware();
	}

	/**
	 * Runs a command on the connection: on a Redis Cluster, routed by its first key.
	 * @param command the command
	 * @return its result
	 */
	<T> Mono<T> send(Function<BaseRedisReactiveCommands<byte[], byte[]>, Mono<T>> command) {
		return this.connection.get().flatMap((connection) -> command.apply(reactive(connection)));
	}

	/**
	 * Runs a count on every node that can answer and adds the counts up, as a Redis Cluster node counts only the
	 * connections made to it (its PUB/SUB subscribers); on a standalone Redis, runs it once. A node that does not
	 * answer in time (a master that just died, before the others mark it failed) is left out rather than failing the
	 * count, which would mark Redis lost; the count fails only when no node answers.
	 * @param count the count, on one node
	 * @param timeout how long one node may take
	 * @return the sum
	 */
	Mono<Long> sumOverNodes(Function<BaseRedisReactiveCommands<byte[], byte[]>, Mono<Long>> count, Duration timeout) {
		return this.connection.get().flatMap((connection) -> {
			if (!(connection instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster)) {
				return count.apply(reactive(connection));
			}
			AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
			return Flux.fromIterable(cluster.getPartitions())
				.filter(LettuceConnection::answers)
				.flatMap((node) -> Mono.fromFuture(cluster.getConnectionAsync(node.getNodeId()))
					.flatMap((nodeConnection) -> count.apply(nodeConnection.reactive()))
					.timeout(timeout)
					.map(Optional::of)
					.onErrorResume((error) -> {
						failure.compareAndSet(null, error);
						return Mono.just(Optional.<Long>empty());
					}))
				.collectList()
				.flatMap((counts) -> {
					if (counts.stream().noneMatch(Optional::isPresent)) {
						Throwable error = failure.get();
						return Mono.error((error != null) ? error
								: new RedisUnavailableException("No Redis Cluster node is known"));
					}
					return Mono.just(counts.stream().flatMap(Optional::stream).mapToLong(Long::longValue).sum());
				});
		});
	}

	/** A node the cluster has not marked failed (its replica takes over) nor is still meeting. */
	private static boolean answers(RedisClusterNode node) {
		return !node.is(NodeFlag.FAIL) && !node.is(NodeFlag.EVENTUAL_FAIL) && !node.is(NodeFlag.NOADDR)
				&& !node.is(NodeFlag.HANDSHAKE);
	}

	private static BaseRedisReactiveCommands<byte[], byte[]> reactive(StatefulConnection<byte[], byte[]> connection) {
		if (connection instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster) {
			return cluster.reactive();
		}
		return ((StatefulRedisConnection<byte[], byte[]>) connection).reactive();
	}

	private static StatefulConnection<byte[], byte[]> open(AbstractRedisClient client) {
		if (client instanceof RedisClusterClient cluster) {
			return cluster.connect(ByteArrayCodec.INSTANCE);
		}
		return ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
	}

	/**
	 * Closes the connection, also one still being opened (once it is).
	 * @return completes once closed
	 */
	CompletableFuture<Void> close() {
		return this.connection.close();
	}

}
