package io.github.springsocketio.actuate;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.adapter.ClusterStatus;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.Transport;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOSocket;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code socketio} Actuator endpoint: {@code GET /actuator/socketio} summarises this node, {@code GET
 * /actuator/socketio/{namespace}} lists a namespace's rooms with their sizes (the namespace name without its leading
 * slash; {@code -} for the main namespace), and {@code DELETE /actuator/socketio/{socketId}} disconnects a socket —
 * only when {@code management.endpoint.socketio.access=unrestricted}, since the endpoint is read-only by default.
 */
@Endpoint(id = "socketio", defaultAccess = Access.READ_ONLY)
public class SocketIOEndpoint {

	/** At most this many rooms are listed for a namespace, the largest first. */
	static final int MAX_ROOMS = 100;

	private final SocketIOServer server;

	private final String nodeId;

	private final @Nullable ClusterStatus cluster;

	/**
	 * @param server the server
	 * @param nodeId this node's id
	 * @param cluster this node's side of the cluster adapter, or {@code null} with the in-memory adapter
	 */
	public SocketIOEndpoint(SocketIOServer server, String nodeId, @Nullable ClusterStatus cluster) {
		this.server = server;
		this.nodeId = nodeId;
		this.cluster = cluster;
	}

	@ReadOperation
	public NodeDescriptor node() {
		EngineIoOptions engine = this.server.engine().options();
		List<NamespaceSummary> namespaces = this.server.namespaces()
			.stream()
			.sorted(Comparator.comparing(Namespace::name))
			.map((namespace) -> new NamespaceSummary(namespace.name(), namespace.sockets().size(), roomCount(namespace)))
			.toList();
		ConnectionStateRecoveryOptions recovery = this.server.options().recovery();
		return new NodeDescriptor(version(), this.nodeId, engine.path(),
				engine.transports().stream().map(Transport::id).sorted().toList(), engine.pingInterval(),
				engine.pingTimeout(), this.server.engine().sessionCount(), namespaces, adapter(),
				new Recovery(recovery != null, (recovery != null) ? recovery.maxDisconnectionDuration() : null,
						recovery != null && recovery.skipMiddlewares()),
				this.server.isClosed());
	}

	@ReadOperation
	public @Nullable NamespaceDescriptor namespace(@Selector String namespace) {
		String name = "-".equals(namespace) ? "/" : "/" + namespace;
		for (Namespace candidate : this.server.namespaces()) {
			if (candidate.name().equals(name)) {
				Map<String, SocketIOSocket> sockets = candidate.sockets();
				List<RoomDescriptor> rooms = candidate.adapter()
					.rooms()
					.stream()
					.filter((room) -> !sockets.containsKey(room))
					.map((room) -> new RoomDescriptor(room, candidate.adapter().roomSize(room)))
					.sorted(Comparator.comparingInt(RoomDescriptor::size).reversed().thenComparing(RoomDescriptor::name))
					.toList();
				return new NamespaceDescriptor(name, (candidate.parent() != null) ? candidate.parent().name() : null,
						sockets.size(), rooms.size(), rooms.subList(0, Math.min(rooms.size(), MAX_ROOMS)));
			}
		}
		return null;
	}

	@DeleteOperation
	public @Nullable DisconnectedSocket disconnect(@Selector String socketId) {
		for (Namespace namespace : this.server.namespaces()) {
			SocketIOSocket socket = namespace.sockets().get(socketId);
			if (socket != null) {
				socket.disconnect();
				return new DisconnectedSocket(socketId, namespace.name());
			}
		}
		return null;
	}

	private AdapterDescriptor adapter() {
		if (this.cluster == null) {
			return new AdapterDescriptor("memory", null, null, null, null, null);
		}
		return new AdapterDescriptor(this.cluster.type(), this.cluster.isAvailable(), this.cluster.serverCount(),
				this.cluster.lastReadIds(), this.cluster.readLagMillis(), this.cluster.topology());
	}

	private static int roomCount(Namespace namespace) {
		return Math.max(namespace.adapter().rooms().size() - namespace.sockets().size(), 0);
	}

	private static String version() {
		String version = SocketIOServer.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "unknown";
	}

	/** This node. */
	public record NodeDescriptor(String version, String nodeId, String path, List<String> transports,
			Duration pingInterval, Duration pingTimeout, int connections, List<NamespaceSummary> namespaces,
			AdapterDescriptor adapter, Recovery connectionStateRecovery, boolean shuttingDown) {
	}

	/** A namespace, in the node summary. */
	public record NamespaceSummary(String name, int sockets, int rooms) {
	}

	/** The adapter and, for a cluster adapter, its state. */
	public record AdapterDescriptor(String type, @Nullable Boolean redisAvailable, @Nullable Integer nodes,
			@Nullable Map<String, @Nullable String> lastStreamIds, @Nullable Long readLagMs,
			@Nullable String redisTopology) {
	}

	/** Connection state recovery settings. */
	public record Recovery(boolean enabled, @Nullable Duration maxDisconnectionDuration, boolean skipMiddlewares) {
	}

	/** One namespace's rooms, largest first, at most {@value #MAX_ROOMS}. */
	public record NamespaceDescriptor(String name, @Nullable String parent, int sockets, int rooms,
			List<RoomDescriptor> largestRooms) {
	}

	/** A room and how many local sockets it has. */
	public record RoomDescriptor(String name, int size) {
	}

	/** A socket the endpoint disconnected. */
	public record DisconnectedSocket(String id, String namespace) {
	}

}
