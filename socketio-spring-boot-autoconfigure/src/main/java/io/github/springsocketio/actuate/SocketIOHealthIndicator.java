package io.github.springsocketio.actuate;

import java.time.Duration;
import java.util.Map;

import io.github.springsocketio.adapter.ClusterStatus;
import io.github.springsocketio.engine.MemoryBudget;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOServer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * The {@code socketio} health: UP with cheap details read from memory (no Redis round trip per probe), DOWN when a
 * cluster adapter has not reached its broker (Redis) for longer than a threshold (broadcasts would stay on this
 * node), and OUT_OF_SERVICE while the server shuts down or sheds load past its memory budget. Meant for the readiness group, so that a node that lost the
 * cluster leaves the load balancer.
 */
public final class SocketIOHealthIndicator implements ReactiveHealthIndicator {

	private final SocketIOServer server;

	private final String nodeId;

	private final @Nullable ClusterStatus cluster;

	private final Duration downAfter;

	/**
	 * @param server the server
	 * @param nodeId this node's id
	 * @param cluster this node's side of the cluster adapter, or {@code null} with the in-memory adapter
	 * @param downAfter how long the cluster's broker may be unreachable before the health is DOWN
	 */
	public SocketIOHealthIndicator(SocketIOServer server, String nodeId, @Nullable ClusterStatus cluster,
			Duration downAfter) {
		this.server = server;
		this.nodeId = nodeId;
		this.cluster = cluster;
		this.downAfter = downAfter;
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
			.withDetail("adapter", (this.cluster != null) ? this.cluster.type() : "memory");
		if (this.cluster != null) {
			health.withDetail("peers", this.cluster.serverCount() - 1)
				.withDetail("redis", this.cluster.isAvailable() ? "available" : "unavailable")
				.withDetail("lastStreamIds", this.cluster.lastReadIds())
				.withDetail("readLagMs", this.cluster.readLagMillis());
			String topology = this.cluster.topology();
			if (topology != null) {
				health.withDetail("redisTopology", topology);
			}
			long since = this.cluster.unavailableSince();
			if (since > 0) {
				long down = System.currentTimeMillis() - since;
				health.withDetail("redisUnavailableForMs", down);
				if (down > this.downAfter.toMillis()) {
					health.down();
				}
			}
		}
		MemoryBudget memory = this.server.engine().memoryBudget();
		health.withDetail("memory", Map.of("used", memory.used(), "budget", memory.limit(), "shedding",
				memory.isShedding(), "shedSessions", memory.shedSessions()));
		if (this.server.isClosed() || memory.isShedding()) {
			health.outOfService();
		}
		return health.build();
	}

}
