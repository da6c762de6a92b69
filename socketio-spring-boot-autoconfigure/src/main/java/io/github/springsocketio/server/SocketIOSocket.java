package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.Transport;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * One client's membership of one namespace: what the application talks to.
 *
 * <pre>{@code
 * server.of("/chat").onConnection(socket -> {
 *     socket.join("lobby");
 *     socket.on("chat message", (args, ack) -> socket.to("lobby").emit("chat message", args.node(0)));
 * });
 * }</pre>
 *
 * <p>Listeners run on the connection's event loop, in the order the client's packets arrived. Every other method may
 * be called from any thread.
 */
public final class SocketIOSocket {

	private static final Log logger = LogFactory.getLog(SocketIOSocket.class);

	private final String id;

	private final @Nullable String pid;

	private final Namespace namespace;

	final Client client;

	private final Handshake handshake;

	private final boolean recovered;

	private final Map<String, Object> data = new ConcurrentHashMap<>();

	private volatile boolean connected;

	private final Map<String, List<EventHandler>> handlers = new ConcurrentHashMap<>();

	private final List<AnyEventListener> anyListeners = new CopyOnWriteArrayList<>();

	private final List<AnyEventListener> anyOutgoingListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<DisconnectReason>> disconnectingListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<DisconnectReason>> disconnectListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<Throwable>> errorListeners = new CopyOnWriteArrayList<>();

	private final List<EventMiddleware> middlewares = new CopyOnWriteArrayList<>();

	private final Map<Long, PendingAck> acks = new ConcurrentHashMap<>();

	/** Broadcasts held back while a restored socket's missed events are read again; {@code null} otherwise. */
	private volatile @Nullable List<HeldBroadcast> heldBroadcasts;

	SocketIOSocket(Namespace namespace, Client client, Handshake handshake, @Nullable RestoredSession restored) {
		this.namespace = namespace;
		this.client = client;
		this.handshake = handshake;
		if (restored != null) {
			this.id = restored.sid();
			this.pid = restored.pid();
			this.recovered = true;
			this.data.putAll(restored.data());
		}
		else {
			this.id = io.github.springsocketio.engine.SessionIds.next();
			this.pid = (namespace.recovery() != null) ? io.github.springsocketio.engine.SessionIds.next() : null;
			this.recovered = false;
		}
	}

	/** @return the public socket id, also the name of the room only this socket is in */
	public String id() {
		return this.id;
	}

	/** @return the private session id used for connection state recovery, or {@code null} when it is off */
	@Nullable String pid() {
		return this.pid;
	}

	/** @return the namespace this socket belongs to */
	public Namespace namespace() {
		return this.namespace;
	}

	/** @return how the socket connected */
	public Handshake handshake() {
		return this.handshake;
	}

	/**
	 * The application's data attached to this socket. It travels with {@code fetchSockets} results and is restored
	 * by connection state recovery, so keep its values JSON-serialisable.
	 * <pre>{@code socket.data().put("user", "alice");}</pre>
	 * @return the mutable, thread-safe data map
	 */
	public Map<String, Object> data() {
		return this.data;
	}

	/** @return whether this socket was restored by connection state recovery */
	public boolean recovered() {
		return this.recovered;
	}

	/** @return whether the socket is still connected to its namespace */
	public boolean connected() {
		return this.connected;
	}

	/** @return the transport the connection uses right now */
	public Transport transport() {
		return this.client.session.transport();
	}

	/**
	 * Runs a task on this socket's event loop, the thread its listeners run on, after the work already queued there.
	 * For code elsewhere that must run in order with the socket's listeners; the task must not block.
	 * <pre>{@code socket.execute(() -> socket.emit("ready"));}</pre>
	 * @param task the task
	 */
	public void execute(Runnable task) {
		this.client.session.execute(task);
	}

	/** @return the rooms this socket is in, its own id included */
	public Set<String> rooms() {
		return this.namespace.adapter().socketRooms(this.id);
	}

	// Emitting

	/**
	 * Sends an event to this client.
	 * <pre>{@code socket.emit("welcome", "hello", Map.of("unread", 3));}</pre>
	 * @param event the event name, not a reserved one
	 * @param args the arguments: any JSON-serialisable values, {@code byte[]} for binary
	 */
	public void emit(String event, Object... args) {
		emitter().emit(event, args);
	}

	/**
	 * Sends an event and waits for the client's acknowledgement. Starts at once; the {@code Mono} fails with a
	 * {@link SocketDisconnectedException} if the socket disconnects first.
	 * <pre>{@code socket.emitWithAck("question", 42).map(answer -> answer.text(0));}</pre>
	 * @param event the event name
	 * @param args the arguments
	 * @return the arguments of the client's acknowledgement
	 */
	public Mono<Arguments> emitWithAck(String event, Object... args) {
		return emitter().emitWithAck(event, args);
	}

	/**
	 * Emits with a deadline for the acknowledgement.
	 * <pre>{@code socket.timeout(Duration.ofSeconds(5)).emitWithAck("question", 42);}</pre>
	 * @param timeout how long to wait; then the {@code Mono} fails with {@link AckTimeoutException}
	 * @return an emitter with that deadline
	 */
	public SocketEmitter timeout(Duration timeout) {
		return emitter().timeout(timeout);
	}

	/**
	 * Emits volatile events: dropped when the connection cannot take them right now, never kept for recovery.
	 * <pre>{@code socket.asVolatile().emit("position", x, y);}</pre>
	 * @return a volatile emitter
	 */
	public SocketEmitter asVolatile() {
		return emitter().asVolatile();
	}

	/**
	 * Emits with a compression hint (accepted for compatibility; this server does not compress).
	 * @param compress the hint
	 * @return an emitter with that hint
	 */
	public SocketEmitter compress(boolean compress) {
		return emitter().compress(compress);
	}

	private SocketEmitter emitter() {
		return new SocketEmitter(this, BroadcastFlags.NONE);
	}

	void emit(BroadcastFlags flags, String event, Object[] args) {
		ArrayNode data = Payloads.event(this.namespace.mapper(), event, args);
		send(new Packet(PacketType.EVENT, this.namespace.name(), data, Packet.NO_ID), flags);
	}

	Mono<Arguments> emitWithAck(BroadcastFlags flags, String event, Object[] args) {
		ArrayNode data = Payloads.event(this.namespace.mapper(), event, args);
		long ackId = this.namespace.nextAckId();
		Mono<Arguments> answer = Mono.<Arguments>create((sink) -> {
			registerAck(ackId, (values) -> sink.success(new Arguments(values, this.namespace.mapper())),
					sink::error, flags.timeout());
			send(new Packet(PacketType.EVENT, this.namespace.name(), data, ackId), flags);
		}).cache();
		answer.subscribe((ignored) -> {
		}, (ignored) -> {
		});
		return answer;
	}

	/**
	 * Sends an event, through the adapter when connection state recovery is on (so the event is numbered and kept
	 * for this socket, as the reference does), else straight to the connection.
	 */
	private void send(Packet packet, BroadcastFlags flags) {
		if (this.namespace.recovery() != null) {
			BroadcastOptions target = new BroadcastOptions(Set.of(this.id), Set.of(), flags);
			this.namespace.adapter()
				.broadcast(packet, target)
				.subscribe(null, (ex) -> logger.warn("Emit to socket " + this.id + " failed", ex));
		}
		else {
			notifyOutgoing(packet);
			write(this.namespace.encoder().encode(packet), flags);
			this.namespace.observer().packetsSent(this.namespace, 1);
		}
	}

	/**
	 * Holds back the broadcasts delivered to this restored socket until {@link #releaseBroadcasts} (the events it
	 * missed are being read once more).
	 */
	synchronized void holdBroadcasts() {
		this.heldBroadcasts = new ArrayList<>();
	}

	/**
	 * Writes the broadcasts held back, in the order they came, but those whose offset was already written, and
	 * writes the next ones as they come.
	 * @param written the offsets of the events already written to the client
	 */
	synchronized void releaseBroadcasts(Set<String> written) {
		List<HeldBroadcast> held = this.heldBroadcasts;
		this.heldBroadcasts = null;
		if (held == null) {
			return;
		}
		for (HeldBroadcast broadcast : held) {
			if (broadcast.offset() == null || !written.contains(broadcast.offset())) {
				write(broadcast.packets(), broadcast.flags());
			}
		}
	}

	/**
	 * Hands a broadcast to the connection, unless broadcasts are held back.
	 * @param data the packet's data, whose last element is its offset when it has one
	 */
	void deliver(List<EnginePacket> packets, BroadcastFlags flags, @Nullable JsonNode data) {
		if (this.heldBroadcasts != null) {
			synchronized (this) {
				if (this.heldBroadcasts != null) {
					this.heldBroadcasts.add(new HeldBroadcast(Namespace.offsetOf(data), packets, flags));
					return;
				}
			}
		}
		write(packets, flags);
	}

	private record HeldBroadcast(@Nullable String offset, List<EnginePacket> packets, BroadcastFlags flags) {
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

	void notifyOutgoing(Packet packet) {
		if (this.anyOutgoingListeners.isEmpty() || !(packet.data() instanceof ArrayNode data) || data.isEmpty()) {
			return;
		}
		Arguments args = new Arguments(Payloads.arguments(data), this.namespace.mapper());
		String event = Payloads.eventName(data.get(0));
		for (AnyEventListener listener : this.anyOutgoingListeners) {
			safely(() -> listener.onEvent(event, args), "outgoing listener");
		}
	}

	// Rooms

	/**
	 * Joins rooms.
	 * <pre>{@code socket.join("room1", "room2");}</pre>
	 * @param rooms the room names
	 */
	public void join(String... rooms) {
		join(List.of(rooms));
	}

	/**
	 * Joins rooms.
	 * @param rooms the room names
	 */
	public void join(Collection<String> rooms) {
		this.namespace.adapter().addAll(this.id, Set.copyOf(rooms));
	}

	/**
	 * Leaves a room.
	 * <pre>{@code socket.leave("room1");}</pre>
	 * @param room the room name
	 */
	public void leave(String room) {
		this.namespace.adapter().del(this.id, room);
	}

	/**
	 * Targets the members of rooms, except this socket.
	 * <pre>{@code socket.to("room1").emit("news", item); // everyone in room1 but the sender}</pre>
	 * @param rooms the rooms
	 * @return a broadcast operator
	 */
	public BroadcastOperator to(String... rooms) {
		return broadcast().to(rooms);
	}

	/**
	 * Same as {@link #to(String...)}.
	 * @param rooms the rooms
	 * @return a broadcast operator
	 */
	public BroadcastOperator in(String... rooms) {
		return to(rooms);
	}

	/**
	 * Targets the whole namespace except the members of rooms and this socket.
	 * @param rooms the rooms excluded
	 * @return a broadcast operator
	 */
	public BroadcastOperator except(String... rooms) {
		return broadcast().except(rooms);
	}

	/**
	 * Targets every other socket of the namespace.
	 * <pre>{@code socket.broadcast().emit("user joined", name);}</pre>
	 * @return a broadcast operator excluding this socket
	 */
	public BroadcastOperator broadcast() {
		return this.namespace.broadcastOperator().except(this.id);
	}

	// Disconnecting

	/**
	 * Disconnects this socket from its namespace; the connection stays open for other namespaces. The client sees
	 * {@code io server disconnect} and does not reconnect by itself.
	 */
	public void disconnect() {
		disconnect(false);
	}

	/**
	 * Disconnects this socket.
	 * <pre>{@code socket.disconnect(true); // and close the whole connection}</pre>
	 * @param close whether to close the underlying connection (and so every namespace of this client)
	 */
	public void disconnect(boolean close) {
		this.client.session.execute(() -> {
			if (!this.connected) {
				return;
			}
			if (close) {
				this.client.disconnectAll();
			}
			else {
				this.client.write(this.namespace.encoder()
					.encode(new Packet(PacketType.DISCONNECT, this.namespace.name(), null, Packet.NO_ID)));
				onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
			}
		});
	}

	// Listeners

	/**
	 * Handles an event; several handlers may listen to one event.
	 * <pre>{@code socket.on("ping", (args, ack) -> ack.send("pong"));}</pre>
	 * @param event the event name
	 * @param handler the handler
	 * @return this socket
	 */
	public SocketIOSocket on(String event, EventHandler handler) {
		this.handlers.computeIfAbsent(event, (name) -> {
			this.namespace.declareEvent(name);
			return new CopyOnWriteArrayList<>();
		}).add(handler);
		return this;
	}

	/**
	 * Stops handling an event with a handler.
	 * @param event the event name
	 * @param handler the handler given to {@link #on}
	 * @return this socket
	 */
	public SocketIOSocket off(String event, EventHandler handler) {
		List<EventHandler> list = this.handlers.get(event);
		if (list != null) {
			list.remove(handler);
		}
		return this;
	}

	/**
	 * @param event an event name
	 * @return whether a handler listens to it
	 */
	public boolean hasHandler(String event) {
		List<EventHandler> list = this.handlers.get(event);
		return list != null && !list.isEmpty();
	}

	/**
	 * Sees every incoming event, before its handlers.
	 * @param listener the listener
	 * @return this socket
	 */
	public SocketIOSocket onAny(AnyEventListener listener) {
		this.anyListeners.add(listener);
		return this;
	}

	/**
	 * Sees every event sent to this client.
	 * @param listener the listener
	 * @return this socket
	 */
	public SocketIOSocket onAnyOutgoing(AnyEventListener listener) {
		this.anyOutgoingListeners.add(listener);
		return this;
	}

	/**
	 * Called when the socket is about to leave its namespace, while {@link #rooms()} still holds its rooms.
	 * @param listener receives the reason
	 * @return this socket
	 */
	public SocketIOSocket onDisconnecting(Consumer<DisconnectReason> listener) {
		this.disconnectingListeners.add(listener);
		return this;
	}

	/**
	 * Called once the socket has left its namespace.
	 * <pre>{@code socket.onDisconnect(reason -> log.info("{} left: {}", socket.id(), reason));}</pre>
	 * @param listener receives the reason
	 * @return this socket
	 */
	public SocketIOSocket onDisconnect(Consumer<DisconnectReason> listener) {
		this.disconnectListeners.add(listener);
		return this;
	}

	/**
	 * Called when an event middleware refuses an event or a handler fails.
	 * @param listener receives the error
	 * @return this socket
	 */
	public SocketIOSocket onError(Consumer<Throwable> listener) {
		this.errorListeners.add(listener);
		return this;
	}

	/**
	 * Adds a middleware that sees each incoming event before its handlers.
	 * @param middleware the middleware
	 * @return this socket
	 */
	public SocketIOSocket use(EventMiddleware middleware) {
		this.middlewares.add(middleware);
		return this;
	}

	// Incoming packets, on the connection's event loop

	void onConnected() {
		this.connected = true;
	}

	void onPacket(Packet packet) {
		if (!this.connected) {
			return;
		}
		switch (packet.type()) {
			case EVENT -> onEvent(packet);
			case ACK -> onAck(packet);
			case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
			default -> {
			}
		}
	}

	private void onEvent(Packet packet) {
		ArrayNode data = (ArrayNode) packet.data();
		String event = Payloads.eventName(data.get(0));
		this.namespace.observer().eventReceived(this, event);
		Arguments args = new Arguments(Payloads.arguments(data), this.namespace.mapper());
		Ack ack = packet.hasId() ? new SocketAck(packet.id()) : Ack.NONE;
		if (this.middlewares.isEmpty()) {
			dispatch(event, args, ack);
			return;
		}
		Flux.fromIterable(this.middlewares)
			.concatMap((middleware) -> Mono.defer(() -> middleware.apply(event, args)))
			.then()
			.subscribe(null, (error) -> this.client.session.execute(() -> onError(error)),
					() -> this.client.session.execute(() -> {
						if (this.connected) {
							dispatch(event, args, ack);
						}
					}));
	}

	private void dispatch(String event, Arguments args, Ack ack) {
		for (AnyEventListener listener : this.anyListeners) {
			safely(() -> listener.onEvent(event, args), "catch-all listener");
		}
		List<EventHandler> list = this.handlers.get(event);
		if (list == null) {
			return;
		}
		for (EventHandler handler : list) {
			try {
				handler.onEvent(args, ack);
			}
			catch (RuntimeException ex) {
				logger.error("Handler of event '" + event + "' failed on socket " + this.id, ex);
				onError(ex);
			}
		}
	}

	private void onAck(Packet packet) {
		PendingAck pending = this.acks.remove(packet.id());
		if (pending != null) {
			this.namespace.pendingAcks().decrementAndGet();
			pending.cancelTimer();
			pending.onAck.accept((ArrayNode) packet.data());
		}
	}

	private void onError(Throwable error) {
		if (this.errorListeners.isEmpty()) {
			logger.debug("Unhandled error on socket " + this.id + ": " + error);
		}
		for (Consumer<Throwable> listener : this.errorListeners) {
			safely(() -> listener.accept(error), "error listener");
		}
	}

	/** Leaves the namespace: runs on the connection's event loop. */
	void onClose(DisconnectReason reason) {
		if (!this.connected) {
			return;
		}
		for (Consumer<DisconnectReason> listener : this.disconnectingListeners) {
			safely(() -> listener.accept(reason), "disconnecting listener");
		}
		ConnectionStateRecoveryOptions recovery = this.namespace.recovery();
		if (recovery != null && reason.recoverable() && this.pid != null) {
			PersistedSession session = new PersistedSession(this.id, this.pid, rooms(), Map.copyOf(this.data));
			this.namespace.adapter()
				.persistSession(session)
				.subscribe(null, (ex) -> logger.warn("Could not keep the session of socket " + this.id, ex));
		}
		this.namespace.adapter().delAll(this.id);
		this.namespace.remove(this);
		this.client.remove(this);
		this.connected = false;
		List<PendingAck> pending = new ArrayList<>(this.acks.values());
		this.acks.clear();
		this.namespace.pendingAcks().addAndGet(-pending.size());
		for (PendingAck ack : pending) {
			ack.cancelTimer();
			ack.onError.accept(new SocketDisconnectedException("socket has been disconnected (" + reason + ")"));
		}
		this.namespace.observer().socketDisconnected(this.namespace, reason);
		for (Consumer<DisconnectReason> listener : this.disconnectListeners) {
			safely(() -> listener.accept(reason), "disconnect listener");
		}
	}

	// Acknowledgements the server waits for

	void registerAck(long ackId, Consumer<ArrayNode> onAck, Consumer<Throwable> onError, @Nullable Duration timeout) {
		PendingAck pending = new PendingAck(onAck, onError);
		this.acks.put(ackId, pending);
		this.namespace.pendingAcks().incrementAndGet();
		if (timeout != null) {
			pending.timer = this.client.session.schedule(() -> {
				if (this.acks.remove(ackId, pending)) {
					this.namespace.pendingAcks().decrementAndGet();
					this.namespace.observer().ackTimedOut(this.namespace);
					onError.accept(new AckTimeoutException("operation has timed out"));
				}
			}, timeout);
		}
		if (!this.connected && this.acks.remove(ackId, pending)) {
			this.namespace.pendingAcks().decrementAndGet();
			pending.cancelTimer();
			onError.accept(new SocketDisconnectedException("socket has been disconnected"));
		}
	}

	private void safely(Runnable call, String what) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			logger.error("A " + what + " failed on socket " + this.id, ex);
		}
	}

	@Override
	public String toString() {
		return "SocketIOSocket[" + this.id + " in " + this.namespace.name() + "]";
	}

	private static final class PendingAck {

		final Consumer<ArrayNode> onAck;

		final Consumer<Throwable> onError;

		volatile @Nullable ScheduledFuture<?> timer;

		PendingAck(Consumer<ArrayNode> onAck, Consumer<Throwable> onError) {
			this.onAck = onAck;
			this.onError = onError;
		}

		void cancelTimer() {
			ScheduledFuture<?> timer = this.timer;
			if (timer != null) {
				timer.cancel(false);
			}
		}

	}

	/** Answers one event of the client, once. */
	private final class SocketAck implements Ack {

		private final long ackId;

		private final AtomicBoolean sent = new AtomicBoolean();

		SocketAck(long ackId) {
			this.ackId = ackId;
		}

		@Override
		public boolean requested() {
			return true;
		}

		@Override
		public void send(Object... args) {
			if (!this.sent.compareAndSet(false, true)) {
				logger.debug("Acknowledgement " + this.ackId + " of socket " + SocketIOSocket.this.id + " already sent");
				return;
			}
			ArrayNode values = Payloads.values(SocketIOSocket.this.namespace.mapper(), args);
			Packet packet = new Packet(PacketType.ACK, SocketIOSocket.this.namespace.name(), values, this.ackId);
			write(SocketIOSocket.this.namespace.encoder().encode(packet), BroadcastFlags.NONE);
		}

	}

}
