package io.github.springsocketio.actuate;

import java.time.Duration;

import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOServer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * The {@code socketio} health: UP with cheap details read from memory (no Redis round trip per probe), DOWN when the
 * Redis Streams adapter has not reached Redis for longer than a threshold (broadcasts would stay on this node), and
 * OUT_OF_SERVICE while the server shuts down. Meant for the readiness group, so that a node that lost the cluster
 * leaves the load balancer.
 */
public final class SocketIOHealthIndicator implements ReactiveHealthIndicator {

	private final SocketIOServer server;

	private final String nodeId;

	private final @Nullable RedisStreamsAdapterFactory redis;

	private final Duration redisDownAfter;

	/**
	 * @param server the server
	 * @param nodeId this node's id
	 * @param redis the Redis side of the cluster adapter, or {@code null} with the in-memory adapter
	 * @param redisDownAfter how long Redis may be unreachable before the health is DOWN
	 */
	public SocketIOHealthIndicator(SocketIOServer server, String nodeId, @Nullable RedisStreamsAdapterFactory redis,
			Duration redisDownAfter) {
		this.server = server;
		this.nodeId = nodeId;
		this.redis = redis;
		this.redisDownAfter = redisDownAfter;
	}

	@Override
	public Mono<Health> health() {
		return Mono.fromSupplier(this::check);
	}

	private Health check() {
		int sockets = 0;
		for (Namespace namespace : this.server.namespaces()) {
			sockets += namespace.sockets().size();
		}
		Health.Builder health = new Health.Builder().up()
			.withDetail("nodeId", this.nodeId)
			.withDetail("sockets", sockets)
			.withDetail("connections", this.server.engine().sessionCount())
			.withDetail("namespaces", this.server.namespaces().size())
			.withDetail("adapter", (this.redis != null) ? "redis-streams" : "memory");
		if (this.redis != null) {
			health.withDetail("peers", this.redis.serverCount() - 1)
				.withDetail("redis", this.redis.isRedisAvailable() ? "available" : "unavailable")
				.withDetail("lastStreamIds", this.redis.lastReadIds())
				.withDetail("readLagMs", this.redis.readLagMillis());
			long since = this.redis.redisUnavailableSince();
			if (since > 0) {
				long down = System.currentTimeMillis() - since;
				health.withDetail("redisUnavailableForMs", down);
				if (down > this.redisDownAfter.toMillis()) {
					health.down();
				}
			}
		}
		if (this.server.isClosed()) {
			health.outOfService();
		}
		return health.build();
	}

}
