package io.github.springsocketio.server;

import java.security.Principal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.github.springsocketio.engine.SessionIds;
import io.github.springsocketio.engine.Transport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

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
 *
 * <p>The socket is the application's view; its listeners live in {@link SocketListeners}, its emitting in
 * {@link SocketEmitter}, and its connection side (the packets its client sends, writes to the client, leaving the
 * namespace) in {@link SocketConnection}.
 */
public final class SocketIOSocket {

	private final String id;

	private final @Nullable String pid;

	private final Namespace namespace;

	final Client client;

	private final Handshake handshake;

	private final boolean recovered;

	private final Map<String, Object> data = new ConcurrentHashMap<>();

	// set once by the admission, before the middlewares run and before anyone else sees the socket
	private volatile @Nullable Principal principal;

	private final SocketListeners listeners;

	/** The connection side: what the namespace, the client and the adapter's delivery call. */
	final SocketConnection connection;

	/** Emits without flags; one per socket, as it is immutable. */
	private final SocketEmitter emitter = new SocketEmitter(this, BroadcastFlags.NONE);

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
			this.id = client.v3 ? v3Id(namespace.name(), client.session.id()) : SessionIds.next();
			this.pid = (namespace.recovery() != null) ? SessionIds.next() : null;
			this.recovered = false;
		}
		this.listeners = new SocketListeners(this.id, namespace.mapper(), namespace::declareEvent);
		this.connection = new SocketConnection(this, client, this.listeners);
	}

	/** The id Node.js gives a 2.x client's socket: the Engine.IO id in {@code /}, else {@code <namespace>#<id>}. */
	private static String v3Id(String namespace, String sessionId) {
		return "/".equals(namespace) ? sessionId : namespace + "#" + sessionId;
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
	 * Who opened this socket, as the server's {@link SocketAuthenticator} established it before the connection
	 * middlewares ran.
	 * <pre>{@code String user = socket.principal().map(Principal::getName).orElse("anonymous");}</pre>
	 * @return the principal, empty for an anonymous socket
	 */
	public Optional<Principal> principal() {
		return Optional.ofNullable(this.principal);
	}

	void authenticated(@Nullable Principal principal) {
		this.principal = principal;
	}

	/**
	 * Replaces the principal with a fresher one of the same user, such as the authentication of a refreshed token.
	 * Only the same user: the socket stays in that user's room.
	 * <pre>{@code socket.renewPrincipal(refreshed);}</pre>
	 * @param principal the new principal, of the same name as the current one
	 * @throws IllegalStateException when the socket is anonymous
	 * @throws IllegalArgumentException when the name differs
	 */
	public void renewPrincipal(Principal principal) {
		Principal current = this.principal;
		if (current == null) {
			throw new IllegalStateException("Socket " + this.id + " is anonymous; it has no principal to renew");
		}
		if (!current.getName().equals(principal.getName())) {
			throw new IllegalArgumentException("Socket " + this.id + " is " + current.getName() + "'s, not "
					+ principal.getName() + "'s");
		}
		this.principal = principal;
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
		return this.connection.connected();
	}

	/** @return the id of the Engine.IO connection this socket uses, which may carry sockets of other namespaces */
	public String clientId() {
		return this.client.session.id();
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
		this.emitter.emit(event, args);
	}

	/**
	 * Sends an event and waits for the client's acknowledgement. Nothing is sent until the {@code Mono} is
	 * subscribed; each subscription sends the event again. The {@code Mono} fails with a
	 * {@link SocketDisconnectedException} if the socket disconnects first.
	 * <pre>{@code socket.emitWithAck("question", 42).map(answer -> answer.text(0)).subscribe(...);}</pre>
	 * @param event the event name
	 * @param args the arguments
	 * @return the arguments of the client's acknowledgement
	 */
	public Mono<Arguments> emitWithAck(String event, Object... args) {
		return this.emitter.emitWithAck(event, args);
	}

	/**
	 * Emits with a deadline for the acknowledgement.
	 * <pre>{@code socket.timeout(Duration.ofSeconds(5)).emitWithAck("question", 42);}</pre>
	 * @param timeout how long to wait; then the {@code Mono} fails with {@link AckTimeoutException}
	 * @return an emitter with that deadline
	 */
	public SocketEmitter timeout(Duration timeout) {
		return this.emitter.timeout(timeout);
	}

	/**
	 * Emits volatile events: dropped when the connection cannot take them right now, never kept for recovery.
	 * <pre>{@code socket.asVolatile().emit("position", x, y);}</pre>
	 * @return a volatile emitter
	 */
	public SocketEmitter asVolatile() {
		return this.emitter.asVolatile();
	}

	/**
	 * Emits with or without compression: {@code compress(false)} sends the events uncompressed even where HTTP
	 * compression or permessage-deflate is on (for data already compressed); the default is {@code true}.
	 * <pre>{@code socket.compress(false).emit("image", jpegBytes);}</pre>
	 * @param compress whether the events may be compressed
	 * @return an emitter with that hint
	 */
	public SocketEmitter compress(boolean compress) {
		return this.emitter.compress(compress);
	}

	// Rooms

	/**
	 * Joins rooms, unless that would pass the limits on rooms per socket or on room names, or one of them is a user's
	 * room ({@link UserRooms}, joined by the server alone): then it joins none.
	 * <pre>{@code socket.join("room1", "room2");}</pre>
	 * @param rooms the room names
	 * @return whether the socket joined them
	 */
	public boolean join(String... rooms) {
		return join(List.of(rooms));
	}

	/**
	 * Joins rooms, unless that would pass the limits on rooms per socket or on room names, or one of them is a user's
	 * room ({@link UserRooms}, joined by the server alone): then it joins none.
	 * @param rooms the room names
	 * @return whether the socket joined them
	 */
	public boolean join(Collection<String> rooms) {
		Set<String> joining = Set.copyOf(rooms);
		if (!RoomLimits.allow(this, joining) || !RoomLimits.allowNames(this, joining)) {
			return false;
		}
		this.namespace.observer().roomsJoining(this, joining);
		this.namespace.adapter().addAll(this.id, joining);
		return true;
	}

	/**
	 * Leaves a room.
	 * <pre>{@code socket.leave("room1");}</pre>
	 * @param room the room name
	 */
	public void leave(String room) {
		this.namespace.observer().roomLeaving(this, room);
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
		this.connection.disconnect(close);
	}

	/**
	 * Disconnects this socket from its namespace for a reason of the server's, which its disconnect listeners see;
	 * the client sees {@code io server disconnect} whatever the reason, and does not reconnect by itself.
	 * <pre>{@code socket.disconnect(DisconnectReason.CREDENTIALS_EXPIRED);}</pre>
	 * @param reason {@link DisconnectReason#SERVER_NAMESPACE_DISCONNECT} (as {@link #disconnect()}),
	 * {@link DisconnectReason#TOO_MANY_EVENTS} or {@link DisconnectReason#CREDENTIALS_EXPIRED}
	 * @throws IllegalArgumentException for a reason the server does not give (a transport's, the client's)
	 */
	public void disconnect(DisconnectReason reason) {
		if (reason != DisconnectReason.SERVER_NAMESPACE_DISCONNECT && reason != DisconnectReason.TOO_MANY_EVENTS
				&& reason != DisconnectReason.CREDENTIALS_EXPIRED) {
			throw new IllegalArgumentException("The server does not disconnect a socket for '" + reason + "'");
		}
		this.connection.disconnect(reason);
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
		this.listeners.on(event, handler);
		return this;
	}

	/**
	 * Handles several events with one handler, told each event's name: one object per socket however many events
	 * there are, where {@link #on(String, EventHandler)} costs one per event. For what registers the same events on
	 * every socket, as the annotated handlers do. The handler is called after those given to
	 * {@link #on(String, EventHandler)}, lasts as long as the socket, and counts for {@link #hasHandler}.
	 * <pre>{@code socket.on(Set.of("join", "leave"), (event, args, ack) -> ack.send(event + " done"));}</pre>
	 * @param events the event names; the set is kept, not copied, so it must not change
	 * @param handler the handler
	 * @return this socket
	 */
	public SocketIOSocket on(Set<String> events, NamedEventHandler handler) {
		this.listeners.on(events, handler);
		return this;
	}

	/**
	 * Stops handling an event with a handler.
	 * @param event the event name
	 * @param handler the handler given to {@link #on}
	 * @return this socket
	 */
	public SocketIOSocket off(String event, EventHandler handler) {
		this.listeners.off(event, handler);
		return this;
	}

	/**
	 * @param event an event name
	 * @return whether a handler listens to it
	 */
	public boolean hasHandler(String event) {
		return this.listeners.hasHandler(event);
	}

	/**
	 * Sees every incoming event, before its handlers.
	 * @param listener the listener
	 * @return this socket
	 */
	public SocketIOSocket onAny(AnyEventListener listener) {
		this.listeners.onAny(listener);
		return this;
	}

	/**
	 * Sees every event sent to this client.
	 * @param listener the listener
	 * @return this socket
	 */
	public SocketIOSocket onAnyOutgoing(AnyEventListener listener) {
		this.listeners.onAnyOutgoing(listener);
		return this;
	}

	/**
	 * Called when the socket is about to leave its namespace, while {@link #rooms()} still holds its rooms.
	 * @param listener receives the reason
	 * @return this socket
	 */
	public SocketIOSocket onDisconnecting(Consumer<DisconnectReason> listener) {
		this.listeners.onDisconnecting(listener);
		return this;
	}

	/**
	 * Called once the socket has left its namespace.
	 * <pre>{@code socket.onDisconnect(reason -> log.info("{} left: {}", socket.id(), reason));}</pre>
	 * @param listener receives the reason
	 * @return this socket
	 */
	public SocketIOSocket onDisconnect(Consumer<DisconnectReason> listener) {
		this.listeners.onDisconnect(listener);
		return this;
	}

	/**
	 * Called when an event middleware refuses an event or a handler fails.
	 * @param listener receives the error
	 * @return this socket
	 */
	public SocketIOSocket onError(Consumer<Throwable> listener) {
		this.listeners.onError(listener);
		return this;
	}

	/**
	 * Adds a middleware that sees each incoming event before its handlers.
	 * @param middleware the middleware
	 * @return this socket
	 */
	public SocketIOSocket use(EventMiddleware middleware) {
		this.connection.use(middleware);
		return this;
	}

	@Override
	public String toString() {
		return "SocketIOSocket[" + this.id + " in " + this.namespace.name() + "]";
	}

}
