package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.TokenBucket;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connection side of one socket, from joining its namespace to leaving it: reads the packets the client sends to
 * the namespace, writes to the client, and takes the socket out of its namespace when it leaves.
 *
 * <p>The namespace, the client and the adapter's delivery call it; the application talks to the {@link SocketIOSocket}
 * that owns it. Packets arrive on the connection's event loop; writes may come from any thread.
 */
final class SocketConnection {

	private static final Log logger = LogFactory.getLog(SocketIOSocket.class);

	/** The code of the error acknowledgement of an event dropped past the rate, as the annotation layer's errors. */
	static final String RATE_LIMITED = "RATE_LIMITED";

	private final SocketIOSocket socket;

	private final Namespace namespace;

	private final Client client;

	private final SocketListeners listeners;

	private final IncomingEvents incoming;

	private final PendingAcks acks;

	private final HoldBackGate gate = new HoldBackGate(this::write);

	/** The socket's allowance of events, {@code null} without a limit; read on the connection's event loop only. */
	private final @Nullable TokenBucket events;

	private volatile boolean connected;

	/** The data as last reported to the adapter, to tell it only of changes. */
	private Map<String, Object> reportedData = Map.of();

	SocketConnection(SocketIOSocket socket, Client client, SocketListeners listeners) {
		this.socket = socket;
		this.namespace = socket.namespace();
		this.client = client;
		this.listeners = listeners;
		this.incoming = new IncomingEvents(listeners, client.session::execute, this::connected);
		this.acks = new PendingAcks(this.namespace.pendingAcks(), client.session::schedule,
				() -> this.namespace.observer().ackTimedOut(this.namespace));
		SocketIOLimits limits = this.namespace.limits();
		this.events = (limits.eventsPerSecond() > 0)
				? new TokenBucket(limits.eventsPerSecond(), limits.eventBurst(), System.nanoTime()) : null;
	}

	/** @return whether the socket is in its namespace: from {@link #onConnected()} until it leaves */
	boolean connected() {
		return this.connected;
	}

	/** Adds a middleware for the incoming events. */
	void use(EventMiddleware middleware) {
		this.incoming.use(middleware);
	}

	// Writing to the client

	/** Holds back the broadcasts delivered to this restored socket until {@link #releaseBroadcasts}. */
	void holdBroadcasts() {
		this.gate.shut();
	}

	/** @see HoldBackGate#open */
	void releaseBroadcasts(Set<String> written) {
		this.gate.open(written);
	}

	/** Hands a broadcast to the connection, unless broadcasts are held back ({@link HoldBackGate#offer}). */
	void deliver(List<EnginePacket> packets, BroadcastFlags flags, @Nullable JsonNode data) {
		this.gate.offer(packets, flags, data);
	}

	/** Hands encoded packets to the connection; the volatile flag drops them if it is busy. */
	void write(List<EnginePacket> packets, BroadcastFlags flags) {
		if (flags.isVolatile()) {
			this.client.session.sendVolatile(packets);
		}
		else {
			this.client.session.send(packets);
		}
	}

	/** Shows an event about to be written to the outgoing catch-all listeners. */
	void notifyOutgoing(Packet packet) {
		this.listeners.outgoing(packet);
	}

	/** Sends the acknowledgement the client asked for with event {@code ackId}. */
	void answer(long ackId, Object[] args) {
		ArrayNode values = Payloads.values(this.namespace.mapper(), args);
		Packet packet = new Packet(PacketType.ACK, this.namespace.name(), values, ackId);
		write(this.namespace.parser().encode(packet), BroadcastFlags.NONE);
	}

	// Acknowledgements the client owes

	/** Waits for the client's acknowledgement of an event about to be written. */
	void registerAck(long ackId, Consumer<ArrayNode> onAck, Consumer<Throwable> onError, @Nullable Duration timeout) {
		this.acks.add(ackId, onAck, onError, timeout);
		// A disconnection that ran meanwhile missed this acknowledgement: nobody would settle it.
		if (!this.connected) {
			this.acks.fail(ackId, new SocketDisconnectedException("socket has been disconnected"));
		}
	}

	/** Stops waiting for an acknowledgement whose {@code Mono} was cancelled. */
	void cancelAck(long ackId) {
		this.acks.cancel(ackId);
	}

	// Lifecycle, on the connection's event loop

	/** The socket has joined its namespace: its packets are read from now on. */
	void onConnected() {
		this.connected = true;
	}

	void onPacket(Packet packet) {
		if (!this.connected) {
			return;
		}
		switch (packet.type()) {
			case EVENT -> onEvent(packet);
			case ACK -> this.acks.complete(packet.id(), (ArrayNode) packet.data());
			case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
			default -> {
			}
		}
	}

	private void onEvent(Packet packet) {
		if (this.events != null && !this.events.tryTake(System.nanoTime())) {
			overRate(packet);
			return;
		}
		ArrayNode data = (ArrayNode) packet.data();
		String event = Payloads.eventName(data.get(0));
		this.namespace.observer().eventReceived(this.socket, event);
		Arguments args = new Arguments(Payloads.arguments(data), this.namespace.mapper());
		this.incoming.accept(event, args, packet.hasId() ? new SocketAck(this.socket, packet.id()) : Ack.NONE);
		reportDataChange();
	}

	/**
	 * Tells the adapter when the socket's data changed since last told, for an adapter that keeps the recovery
	 * state of live sockets: after the connection handlers and after each event the client sent (a handler that
	 * changes the data later is seen at the next of these points, or at a room change).
	 */
	void reportDataChange() {
		if (this.socket.pid() == null || this.reportedData.equals(this.socket.data())) {
			return;
		}
		this.reportedData = Map.copyOf(this.socket.data());
		this.namespace.adapter().sessionChanged(this.socket.id());
	}

	/** An event past the socket's rate: dropped, answered with an error if it asked for an answer, or disconnecting. */
	private void overRate(Packet packet) {
		this.namespace.observer().limitExceeded(Limit.EVENTS_PER_SECOND);
		if (this.namespace.limits().eventRateAction() == EventRateAction.DISCONNECT) {
			logger.debug("Disconnecting " + this + ": it sent events faster than allowed");
			this.client.write(this.namespace.parser()
				.encode(new Packet(PacketType.DISCONNECT, this.namespace.name(), null, Packet.NO_ID)));
			this.client.disconnectedByServer(this.socket);
			onClose(DisconnectReason.TOO_MANY_EVENTS);
		}
		else if (packet.hasId()) {
			ObjectNode error = JsonNodeFactory.instance.objectNode();
			error.putObject("error").put("code", RATE_LIMITED).put("message", "Too many events");
			answer(packet.id(), new Object[] { error });
		}
	}

	/**
	 * Leaves the namespace, telling the client first: from any thread.
	 * @param close whether to close the whole connection, and so every namespace of this client
	 */
	void disconnect(boolean close) {
		if (close) {
			this.client.session.execute(() -> {
				if (this.connected) {
					this.client.disconnectAll();
				}
			});
		}
		else {
			disconnect(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		}
	}

	/**
	 * Leaves the namespace for a reason of the server's, telling the client first: from any thread.
	 * @param reason what the socket's disconnect listeners see
	 */
	void disconnect(DisconnectReason reason) {
		this.client.session.execute(() -> {
			if (!this.connected) {
				return;
			}
			this.client.write(this.namespace.parser()
				.encode(new Packet(PacketType.DISCONNECT, this.namespace.name(), null, Packet.NO_ID)));
			this.client.disconnectedByServer(this.socket);
			onClose(reason);
		});
	}

	/** Leaves the namespace: runs on the connection's event loop. */
	void onClose(DisconnectReason reason) {
		if (!this.connected) {
			return;
		}
		this.listeners.disconnecting(reason);
		String id = this.socket.id();
		String pid = this.socket.pid();
		ConnectionStateRecoveryOptions recovery = this.namespace.recovery();
		if (recovery != null && reason.recoverable() && pid != null) {
			PersistedSession session = new PersistedSession(id, pid, this.socket.rooms(),
					Map.copyOf(this.socket.data()));
			AtomicLong saving = this.namespace.pendingSessionSaves();
			saving.incrementAndGet();
			Mono.defer(() -> this.namespace.adapter().persistSession(session))
				.doFinally((signal) -> saving.decrementAndGet())
				.subscribe(null, (ex) -> logger.warn("Could not keep the session of socket " + id, ex));
		}
		this.namespace.adapter().delAll(id);
		this.namespace.remove(this.socket);
		this.client.remove(this.socket);
		this.connected = false;
		this.acks.failAll(() -> new SocketDisconnectedException("socket has been disconnected (" + reason + ")"));
		this.namespace.observer().socketDisconnected(this.namespace, reason);
		this.listeners.disconnected(reason);
	}

	@Override
	public String toString() {
		return "SocketConnection[" + this.socket.id() + " in " + this.namespace.name() + "]";
	}

}
