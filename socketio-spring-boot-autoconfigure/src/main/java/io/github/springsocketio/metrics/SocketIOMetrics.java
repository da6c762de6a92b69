package io.github.springsocketio.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Limit;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOObserver;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOSocket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code socketio.*} meters of a Socket.IO server. The {@code namespace} tag is a static namespace's name, or a
 * dynamic parent's pattern for all its children; the {@code event} tag is an event name the namespace declares (has
 * a handler for), else {@code UNKNOWN}. Meters of a namespace are built once, the first time it is seen; observing
 * only looks them up and increments.
 */
public final class SocketIOMetrics implements MeterBinder, SocketIOObserver {

	/** The {@code event} tag of events no handler declares, and the {@code namespace} tag of unknown namespaces. */
	public static final String UNKNOWN = "UNKNOWN";

	private final SocketIOServer server;

	private final Map<String, NamespaceMeters> namespaces = new ConcurrentHashMap<>();

	/**
	 * The namespace seen last and its meters: most traffic is in one namespace, and this skips the map for it. A
	 * plain field: a thread that sees an older pair only takes the map.
	 */
	private @Nullable LastNamespace last;

	private MeterRegistry registry;

	private final Map<Limit, Counter> limits = new EnumMap<>(Limit.class);

	/**
	 * @param server the server to observe; it is observed once these meters are bound
	 */
	public SocketIOMetrics(SocketIOServer server) {
		this.server = server;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("socketio.acks.pending", this.server, SocketIOServer::pendingAcks)
			.description("Acknowledgements the server waits for from clients")
			.register(registry);
		for (Limit limit : Limit.values()) {
			this.limits.put(limit, Counter.builder("socketio.limits.exceeded")
				.description("Clients refused what they asked for because it was past a limit")
				.tag("limit", limit.tag())
				.register(registry));
		}
		this.server.namespaces().forEach(this::meters);
		this.server.observe(this);
	}

	static String tag(Namespace namespace) {
		return (namespace.parent() != null) ? namespace.parent().name() : namespace.name();
	}

	private NamespaceMeters meters(Namespace namespace) {
		LastNamespace last = this.last;
		if (last != null && last.namespace() == namespace) {
			return last.meters();
		}
		String tag = tag(namespace);
		NamespaceMeters meters = this.namespaces.get(tag); // no locking once built: this runs for every event
		if (meters == null) {
			meters = this.namespaces.computeIfAbsent(tag, (key) -> new NamespaceMeters(key, this.registry));
		}
		this.last = new LastNamespace(namespace, meters);
		return meters;
	}

	private record LastNamespace(Namespace namespace, NamespaceMeters meters) {
	}

	@Override
	public void socketConnected(Namespace namespace, boolean recovered) {
		NamespaceMeters meters = meters(namespace);
		meters.active.incrementAndGet();
		(recovered ? meters.connectedRecovered : meters.connectedNew).increment();
	}

	@Override
	public void socketDisconnected(Namespace namespace, DisconnectReason reason) {
		NamespaceMeters meters = meters(namespace);
		meters.active.decrementAndGet();
		meters.disconnected.get(reason).increment();
	}

	@Override
	public void connectRefused(@Nullable Namespace namespace, String reason) {
		NamespaceMeters meters = (namespace != null) ? meters(namespace)
				: this.namespaces.computeIfAbsent(UNKNOWN, (tag) -> new NamespaceMeters(tag, this.registry));
		meters.connectErrors.computeIfAbsent(reason, (key) -> meters.counter(this.registry, "socketio.connect.errors",
				"Clients refused a namespace (CONNECT_ERROR sent)", "reason", key)).increment();
	}

	@Override
	public void eventReceived(SocketIOSocket socket, String event) {
		Namespace namespace = socket.namespace();
		NamespaceMeters meters = meters(namespace);
		Counter counter = meters.events.get(event); // holds declared names only, and UNKNOWN
		if (counter != null) {
			counter.increment();
			return;
		}
		String name = namespace.isDeclared(event) ? event : UNKNOWN;
		meters.events.computeIfAbsent(name, (key) -> meters.counter(this.registry, "socketio.events.received",
				"Events received from clients; event is a declared name or UNKNOWN", "event", key)).increment();
	}

	@Override
	public void packetsSent(Namespace namespace, int recipients) {
		if (recipients > 0) {
			meters(namespace).sent.increment(recipients);
		}
	}

	@Override
	public void broadcast(Namespace namespace, boolean local) {
		NamespaceMeters meters = meters(namespace);
		(local ? meters.broadcastsLocal : meters.broadcastsCluster).increment();
	}

	@Override
	public void ackTimedOut(Namespace namespace) {
		meters(namespace).ackTimeouts.increment();
	}

	@Override
	public void recoveryAttempted(Namespace namespace, boolean recovered) {
		NamespaceMeters meters = meters(namespace);
		(recovered ? meters.recovered : meters.notRecovered).increment();
	}

	@Override
	public void limitExceeded(Limit limit) {
		this.limits.get(limit).increment();
	}

	/** The meters of one namespace tag. */
	private final class NamespaceMeters {

		private static final String CONNECTED = "socketio.sockets.connected";

		private static final String CONNECTED_DESCRIPTION = "Sockets that joined; recovered=true when connection state "
				+ "recovery restored them";

		private static final String BROADCASTS = "socketio.broadcasts";

		private static final String BROADCASTS_DESCRIPTION = "Broadcast operations (each encoded once)";

		private static final String RECOVERY = "socketio.recovery.attempts";

		private static final String RECOVERY_DESCRIPTION = "Reconnections that asked connection state recovery for "
				+ "their session";

		final String tag;

		final AtomicLong active = new AtomicLong();

		final Counter connectedNew;

		final Counter connectedRecovered;

		final Map<DisconnectReason, Counter> disconnected = new EnumMap<>(DisconnectReason.class);

		final Map<String, Counter> connectErrors = new ConcurrentHashMap<>();

		final Map<String, Counter> events = new ConcurrentHashMap<>();

		final Counter sent;

		final Counter broadcastsLocal;

		final Counter broadcastsCluster;

		final Counter ackTimeouts;

		final Counter recovered;

		final Counter notRecovered;

		NamespaceMeters(String tag, MeterRegistry registry) {
			this.tag = tag;
			Gauge.builder("socketio.sockets.active", this.active, AtomicLong::get)
				.description("Connected sockets")
				.tag("namespace", tag)
				.register(registry);
			Gauge.builder("socketio.rooms", SocketIOMetrics.this, (metrics) -> metrics.rooms(tag))
				.description("Rooms with members on this node, sockets' own rooms aside (never one meter per room)")
				.tag("namespace", tag)
				.register(registry);
			this.connectedNew = counter(registry, CONNECTED, CONNECTED_DESCRIPTION, "recovered", "false");
			this.connectedRecovered = counter(registry, CONNECTED, CONNECTED_DESCRIPTION, "recovered", "true");
			for (DisconnectReason reason : DisconnectReason.values()) {
				this.disconnected.put(reason, counter(registry, "socketio.sockets.disconnected",
						"Sockets that left, by reason", "reason", reason.reason()));
			}
			this.sent = Counter.builder("socketio.events.sent")
				.description("Events sent to clients, one per recipient socket")
				.tag("namespace", tag)
				.register(registry);
			this.broadcastsLocal = counter(registry, BROADCASTS, BROADCASTS_DESCRIPTION, "scope", "local");
			this.broadcastsCluster = counter(registry, BROADCASTS, BROADCASTS_DESCRIPTION, "scope", "cluster");
			this.ackTimeouts = Counter.builder("socketio.acks.timeouts")
				.description("Acknowledgements the server waited for in vain")
				.tag("namespace", tag)
				.register(registry);
			this.recovered = counter(registry, RECOVERY, RECOVERY_DESCRIPTION, "outcome", "recovered");
			this.notRecovered = counter(registry, RECOVERY, RECOVERY_DESCRIPTION, "outcome", "new-session");
		}

		/** A counter of this namespace with one more tag, e.g. {@code recovered=true} or {@code event=chat}. */
		private Counter counter(MeterRegistry registry, String name, String description, String key, String value) {
			return Counter.builder(name)
				.description(description)
				.tag("namespace", this.tag)
				.tag(key, value)
				.register(registry);
		}

	}

	private double rooms(String tag) {
		int rooms = 0;
		for (Namespace namespace : this.server.namespaces()) {
			if (tag.equals(tag(namespace))) {
				// every socket is in the room named by its id: count the others
				rooms += Math.max(namespace.adapter().rooms().size() - namespace.sockets().size(), 0);
			}
		}
		return rooms;
	}

}
