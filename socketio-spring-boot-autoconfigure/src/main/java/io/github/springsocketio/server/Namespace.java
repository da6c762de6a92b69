package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketParser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A namespace: a communication channel multiplexed over the clients' connections, with its own sockets, rooms,
 * middlewares and adapter.
 *
 * <pre>{@code
 * Namespace chat = server.of("/chat");
 * chat.use(socket -> authorize(socket.handshake()));
 * chat.onConnection(socket -> socket.join("lobby"));
 * chat.to("lobby").emit("announcement", "welcome");
 * }</pre>
 */
public final class Namespace implements BroadcastTarget {

	private static final Log logger = LogFactory.getLog(Namespace.class);

	private static final Duration SERVER_SIDE_ACK_TIMEOUT = Duration.ofSeconds(5);

	private final SocketIOServer server;

	private final String name;

	private final @Nullable ParentNamespace parent;

	private final Adapter adapter;

	private final AtomicLong ackIds = new AtomicLong();

	private final Map<String, SocketIOSocket> sockets = new ConcurrentHashMap<>();

	private final Set<String> declaredEvents = ConcurrentHashMap.newKeySet();

	private final Admission admission = new Admission(this);

	private final ServerSideEvents serverSideEvents = new ServerSideEvents(this);

	Namespace(SocketIOServer server, String name, @Nullable ParentNamespace parent) {
		this.server = server;
		this.name = name;
		this.parent = parent;
		this.adapter = server.adapterFactory()
			.create(new LocalContext(this, new LocalDelivery(this), this.serverSideEvents));
		this.adapter.init();
	}

	/** @return the name, e.g. {@code /chat} */
	public String name() {
		return this.name;
	}

	/** @return the dynamic parent namespace this one was created from, or {@code null} */
	public @Nullable ParentNamespace parent() {
		return this.parent;
	}

	SocketAuthenticator authenticator() {
		return this.server.authenticator();
	}

	SocketIOObserver observer() {
		return this.server.observer();
	}

	AtomicLong pendingAcks() {
		return this.server.pendingAckCounter();
	}

	AtomicLong pendingSessionSaves() {
		return this.server.pendingSessionSaveCounter();
	}

	/** @return this namespace's adapter */
	public Adapter adapter() {
		return this.adapter;
	}

	/**
	 * Declares an event name this namespace handles. Names with a handler ({@link SocketIOSocket#on}) are declared
	 * by it; metrics report events by their name only when declared (a bounded set, from code), others as
	 * {@code UNKNOWN}.
	 * @param event the event name
	 */
	public void declareEvent(String event) {
		this.declaredEvents.add(event);
		if (this.parent != null) {
			this.parent.declareEvent(event);
		}
	}

	/**
	 * @param event an event name a client sent
	 * @return whether it is declared in this namespace (or its parent)
	 */
	public boolean isDeclared(String event) {
		return this.declaredEvents.contains(event) || (this.parent != null && this.parent.isDeclared(event));
	}

	/** @return the sockets connected to this namespace on this node, by id; a live read-only view */
	public Map<String, SocketIOSocket> sockets() {
		return Collections.unmodifiableMap(this.sockets);
	}

	/**
	 * Adds a middleware that runs when a client joins, in registration order.
	 * @param middleware the middleware
	 * @return this namespace
	 */
	public Namespace use(ConnectMiddleware middleware) {
		this.admission.use(middleware);
		return this;
	}

	/**
	 * Handles each socket that joined.
	 * @param handler the handler, run on the socket's event loop
	 * @return this namespace
	 */
	public Namespace onConnection(Consumer<SocketIOSocket> handler) {
		this.admission.onConnection(handler);
		return this;
	}

	/**
	 * Handles events other server nodes emit with {@link #serverSideEmit}.
	 * <pre>{@code chat.onServerSideEmit("reload", (args, ack) -> cache.clear());}</pre>
	 * @param event the event name
	 * @param handler the handler
	 * @return this namespace
	 */
	public Namespace onServerSideEmit(String event, EventHandler handler) {
		this.serverSideEvents.on(event, handler);
		return this;
	}

	// Broadcasting

	BroadcastOperator broadcastOperator() {
		return new BroadcastOperator(this);
	}

	/**
	 * @param rooms the rooms
	 * @return an operator targeting their members
	 */
	public BroadcastOperator to(String... rooms) {
		return broadcastOperator().to(rooms);
	}

	/**
	 * @param rooms the rooms
	 * @return an operator targeting their members
	 */
	public BroadcastOperator in(String... rooms) {
		return broadcastOperator().in(rooms);
	}

	/**
	 * Targets every socket of users in this namespace, on every node: their user rooms ({@link UserRooms}).
	 * <pre>{@code server.of("/chat").toUser("alice", "bob").emit("mention", message);}</pre>
	 * @param users the principals' names
	 * @return a broadcast operator
	 */
	public BroadcastOperator toUser(String... users) {
		return broadcastOperator().toUser(users);
	}

	/**
	 * @param rooms the rooms
	 * @return an operator targeting everyone but their members
	 */
	public BroadcastOperator except(String... rooms) {
		return broadcastOperator().except(rooms);
	}

	/** @return an operator that stays on this node */
	public BroadcastOperator local() {
		return broadcastOperator().local();
	}

	/** @return an operator sending volatile events */
	public BroadcastOperator asVolatile() {
		return broadcastOperator().asVolatile();
	}

	/**
	 * @param compress the compression hint
	 * @return an operator with that hint
	 */
	public BroadcastOperator compress(boolean compress) {
		return broadcastOperator().compress(compress);
	}

	/**
	 * @param timeout how long to wait for acknowledgements
	 * @return an operator with that deadline
	 */
	public BroadcastOperator timeout(Duration timeout) {
		return broadcastOperator().timeout(timeout);
	}

	/**
	 * Sends an event to every socket of the namespace.
	 * <pre>{@code server.of("/chat").emit("announcement", "maintenance at noon");}</pre>
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, Object... args) {
		broadcastOperator().emit(event, args);
	}

	/** @return every socket of the namespace, on every node */
	public Mono<List<RemoteSocket>> fetchSockets() {
		return broadcastOperator().fetchSockets();
	}

	/**
	 * Makes every socket join rooms.
	 * @param rooms the rooms
	 * @return completes once applied
	 */
	public Mono<Void> socketsJoin(String... rooms) {
		return broadcastOperator().socketsJoin(rooms);
	}

	/**
	 * Makes every socket leave rooms.
	 * @param rooms the rooms
	 * @return completes once applied
	 */
	public Mono<Void> socketsLeave(String... rooms) {
		return broadcastOperator().socketsLeave(rooms);
	}

	/**
	 * Disconnects every socket.
	 * @param close whether to close their connections too
	 * @return completes once applied
	 */
	public Mono<Void> disconnectSockets(boolean close) {
		return broadcastOperator().disconnectSockets(close);
	}

	/**
	 * Sends an event to the other server nodes' listeners of this namespace (not to clients).
	 * <pre>{@code server.serverSideEmit("invalidate", "user:42");}</pre>
	 * @param event the event name
	 * @param args the arguments
	 */
	public void serverSideEmit(String event, Object... args) {
		this.adapter.serverSideEmit(this.serverSideEvents.packet(event, args))
			.subscribe(null, (ex) -> logger.warn("Server-side emit of '" + event + "' failed", ex));
	}

	/**
	 * Sends an event to the other server nodes and collects the first argument of each node's answer, within 5
	 * seconds. The name is checked at once (a reserved one throws here), but nothing is sent until the {@code Mono}
	 * is subscribed, and each subscription sends the event again.
	 * <pre>{@code server.serverSideEmitWithAck("ping").subscribe(answers -> ...);}</pre>
	 * @param event the event name
	 * @param args the arguments
	 * @return the answers, empty on a single node
	 */
	public Mono<List<JsonNode>> serverSideEmitWithAck(String event, Object... args) {
		ArrayNode packet = this.serverSideEvents.packet(event, args);
		return Mono.defer(() -> this.adapter.serverSideEmitWithAck(packet, SERVER_SIDE_ACK_TIMEOUT));
	}

	@Override
	public Collection<Namespace> namespaces() {
		return List.of(this);
	}

	// Used by the server and its sockets

	JsonMapper mapper() {
		return this.server.mapper();
	}

	PacketParser parser() {
		return this.server.parser();
	}

	/**
	 * Encodes a packet for the flags it is sent with: {@code compress(false)} makes its Engine.IO packets uncompressed,
	 * once for all its recipients.
	 */
	List<EnginePacket> encode(Packet packet, BroadcastFlags flags) {
		List<EnginePacket> encoded = parser().encode(packet);
		if (!Boolean.FALSE.equals(flags.compress())) {
			return encoded;
		}
		return encoded.stream().map(EnginePacket::uncompressed).toList();
	}

	@Nullable ConnectionStateRecoveryOptions recovery() {
		return this.server.options().recovery();
	}

	SocketIOLimits limits() {
		return this.server.options().limits();
	}

	long nextAckId() {
		return this.ackIds.getAndIncrement();
	}

	void add(SocketIOSocket socket) {
		this.sockets.put(socket.id(), socket);
	}

	void remove(SocketIOSocket socket) {
		if (this.sockets.remove(socket.id(), socket)) {
			released();
		}
	}

	/** A client that asked to join holds this namespace no longer: its socket left, or it was not let in. */
	void released() {
		if (this.parent != null) {
			this.server.namespaceRegistry().dynamic().leave(this);
		}
	}

	@Nullable SocketIOSocket socket(String id) {
		return this.sockets.get(id);
	}

	/** A client asks to join. Called on the client's event loop. */
	void connect(Client client, ObjectNode auth) {
		this.admission.connect(client, auth);
	}

	/** @return the offset a recoverable event carries as its last element, or {@code null} */
	static @Nullable String offsetOf(@Nullable JsonNode data) {
		if (data instanceof ArrayNode array && array.size() > 1 && array.get(array.size() - 1).isString()) {
			return array.get(array.size() - 1).stringValue();
		}
		return null;
	}

	void close(DisconnectReason reason) {
		for (SocketIOSocket socket : List.copyOf(this.sockets.values())) {
			socket.client.session.execute(() -> socket.connection.onClose(reason));
		}
		this.adapter.close();
	}

	@Override
	public String toString() {
		return "Namespace[" + this.name + "]";
	}

}
