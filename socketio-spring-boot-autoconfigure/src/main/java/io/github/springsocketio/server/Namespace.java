package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketEncoder;
import io.github.springsocketio.protocol.PacketType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
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

	private static final Set<String> RESERVED_SERVER_SIDE_EVENTS = Set.of("connect", "connection", "new_namespace");

	private static final Duration SERVER_SIDE_ACK_TIMEOUT = Duration.ofSeconds(5);

	private final SocketIOServer server;

	private final String name;

	private final @Nullable ParentNamespace parent;

	private final Adapter adapter;

	private final AtomicLong ackIds = new AtomicLong();

	private final Map<String, SocketIOSocket> sockets = new ConcurrentHashMap<>();

	private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();

	private final List<Consumer<SocketIOSocket>> connectionHandlers = new CopyOnWriteArrayList<>();

	private final Map<String, List<EventHandler>> serverSideHandlers = new ConcurrentHashMap<>();

	private final Set<String> declaredEvents = ConcurrentHashMap.newKeySet();

	Namespace(SocketIOServer server, String name, @Nullable ParentNamespace parent) {
		this.server = server;
		this.name = name;
		this.parent = parent;
		this.adapter = server.adapterFactory().create(new LocalContext());
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

	SocketIOObserver observer() {
		return this.server.observer();
	}

	java.util.concurrent.atomic.AtomicLong pendingAcks() {
		return this.server.pendingAckCounter();
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
		this.middlewares.add(middleware);
		return this;
	}

	/**
	 * Handles each socket that joined.
	 * @param handler the handler, run on the socket's event loop
	 * @return this namespace
	 */
	public Namespace onConnection(Consumer<SocketIOSocket> handler) {
		this.connectionHandlers.add(handler);
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
		this.serverSideHandlers.computeIfAbsent(event, (key) -> new CopyOnWriteArrayList<>()).add(handler);
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
		this.adapter.serverSideEmit(serverSidePacket(event, args))
			.subscribe(null, (ex) -> logger.warn("Server-side emit of '" + event + "' failed", ex));
	}

	/**
	 * Sends an event to the other server nodes and collects the first argument of each node's answer, within 5
	 * seconds. Starts at once.
	 * @param event the event name
	 * @param args the arguments
	 * @return the answers, empty on a single node
	 */
	public Mono<List<JsonNode>> serverSideEmitWithAck(String event, Object... args) {
		Mono<List<JsonNode>> answers = this.adapter.serverSideEmitWithAck(serverSidePacket(event, args),
				SERVER_SIDE_ACK_TIMEOUT);
		return Mono.fromFuture(answers.toFuture(), true);
	}

	private ArrayNode serverSidePacket(String event, Object[] args) {
		if (RESERVED_SERVER_SIDE_EVENTS.contains(event)) {
			throw new IllegalArgumentException("'" + event + "' is a reserved event name; choose another one");
		}
		return Payloads.event(mapper(), event, args);
	}

	@Override
	public Collection<Namespace> namespaces() {
		return List.of(this);
	}

	// Used by the server and its sockets

	JsonMapper mapper() {
		return this.server.mapper();
	}

	PacketEncoder encoder() {
		return this.server.encoder();
	}

	@Nullable ConnectionStateRecoveryOptions recovery() {
		return this.server.options().recovery();
	}

	long nextAckId() {
		return this.ackIds.getAndIncrement();
	}

	void remove(SocketIOSocket socket) {
		this.sockets.remove(socket.id(), socket);
	}

	private List<ConnectMiddleware> middlewares() {
		if (this.parent == null) {
			return this.middlewares;
		}
		List<ConnectMiddleware> all = new ArrayList<>(this.parent.middlewares());
		all.addAll(this.middlewares);
		return all;
	}

	private List<Consumer<SocketIOSocket>> connectionHandlers() {
		if (this.parent == null) {
			return this.connectionHandlers;
		}
		List<Consumer<SocketIOSocket>> all = new ArrayList<>(this.parent.connectionHandlers());
		all.addAll(this.connectionHandlers);
		return all;
	}

	/**
	 * A client asks to join: try recovery, run the middlewares, then accept or refuse. Called on the client's event
	 * loop; the asynchronous steps come back to it.
	 */
	void connect(Client client, ObjectNode auth) {
		ConnectionStateRecoveryOptions recovery = recovery();
		JsonNode pid = auth.get("pid");
		JsonNode offset = auth.get("offset");
		if (recovery == null || pid == null || !pid.isString() || offset == null || !offset.isString()) {
			admit(client, auth, null);
			return;
		}
		this.adapter.restoreSession(pid.stringValue(), offset.stringValue())
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.onErrorResume((ex) -> {
				logger.debug("Could not restore session " + pid.stringValue(), ex);
				return Mono.just(java.util.Optional.empty());
			})
			.subscribe((restored) -> client.session.execute(() -> {
				observer().recoveryAttempted(this, restored.isPresent());
				admit(client, auth, restored.orElse(null));
			}));
	}

	private void admit(Client client, ObjectNode auth, @Nullable RestoredSession restored) {
		String offset = (restored != null) ? auth.path("offset").asString("") : "";
		if (!client.session.isOpen()) {
			return;
		}
		SocketIOSocket socket = new SocketIOSocket(this, client, Handshake.of(client.session.handshake(), auth),
				restored);
		List<ConnectMiddleware> middlewares = middlewares();
		ConnectionStateRecoveryOptions recovery = recovery();
		if (middlewares.isEmpty() || (restored != null && recovery != null && recovery.skipMiddlewares())) {
			accept(socket, restored, offset);
			return;
		}
		Flux.fromIterable(middlewares)
			.concatMap((middleware) -> Mono.defer(() -> middleware.apply(socket)))
			.then()
			.subscribe(null, (error) -> client.session.execute(() -> refuse(client, error)),
					() -> client.session.execute(() -> accept(socket, restored, offset)));
	}

	private void accept(SocketIOSocket socket, @Nullable RestoredSession restored, String offset) {
		Client client = socket.client;
		if (!client.session.isOpen()) {
			client.connectFinished(this.name);
			return;
		}
		this.sockets.put(socket.id(), socket);
		client.add(socket);
		socket.onConnected();
		Set<String> rooms = new HashSet<>();
		rooms.add(socket.id());
		if (restored == null) {
			this.adapter.addAll(socket.id(), rooms);
			connected(socket, false);
			return;
		}
		rooms.addAll(restored.rooms());
		// Broadcasts reaching the socket from now on wait until the events it missed are written: the adapter read
		// those before the socket was back in its rooms, so it reads once more from there, and what came both ways
		// is written once, in order.
		socket.holdBroadcasts();
		this.adapter.addAll(socket.id(), rooms);
		// missed events first, as the reference does; the client delivers them right after the connect
		Set<String> written = new HashSet<>();
		List<EnginePacket> backlog = new ArrayList<>();
		String last = offset;
		for (ArrayNode missed : restored.missedPackets()) {
			last = encodeMissed(missed, written, last, backlog);
		}
		client.session.sendBacklog(backlog);
		String readFrom = last;
		this.adapter.missedPackets(Set.copyOf(rooms), readFrom)
			.onErrorResume((ex) -> {
				logger.debug("Could not read again what socket " + socket.id() + " missed", ex);
				return Mono.just(List.of());
			})
			.defaultIfEmpty(List.of())
			.subscribe((late) -> client.session.execute(() -> {
				if (!socket.connected()) {
					// gone meanwhile: it was kept for recovery again, from the client's own offset
					socket.releaseBroadcasts(written);
					return;
				}
				List<EnginePacket> lateBacklog = new ArrayList<>();
				String end = readFrom;
				for (ArrayNode missed : late) {
					end = encodeMissed(missed, written, end, lateBacklog);
				}
				client.session.sendBacklog(lateBacklog);
				socket.releaseBroadcasts(written);
				connected(socket, true);
			}));
	}

	/**
	 * Adds a missed event to the backlog unless its offset was written already.
	 * @return the offset of the last event added
	 */
	private String encodeMissed(ArrayNode missed, Set<String> written, String last, List<EnginePacket> backlog) {
		String offset = offsetOf(missed);
		if (offset != null && !written.add(offset)) {
			return last;
		}
		backlog.addAll(encoder().encode(new Packet(PacketType.EVENT, this.name, missed, Packet.NO_ID)));
		return (offset != null) ? offset : last;
	}

	/** @return the offset a recoverable event carries as its last element, or {@code null} */
	static @Nullable String offsetOf(@Nullable JsonNode data) {
		if (data instanceof ArrayNode array && array.size() > 1 && array.get(array.size() - 1).isString()) {
			return array.get(array.size() - 1).stringValue();
		}
		return null;
	}

	private void connected(SocketIOSocket socket, boolean recovered) {
		Client client = socket.client;
		ObjectNode reply = JsonNodeFactory.instance.objectNode();
		reply.put("sid", socket.id());
		if (socket.pid() != null) {
			reply.put("pid", socket.pid());
		}
		client.write(encoder().encode(new Packet(PacketType.CONNECT, this.name, reply, Packet.NO_ID)));
		observer().socketConnected(this, recovered);
		for (Consumer<SocketIOSocket> handler : connectionHandlers()) {
			try {
				handler.accept(socket);
			}
			catch (RuntimeException ex) {
				logger.error("Connection handler of namespace " + this.name + " failed for socket " + socket.id(), ex);
			}
		}
	}

	private void refuse(Client client, Throwable error) {
		client.connectFinished(this.name);
		observer().connectRefused(this, "middleware");
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		if (error instanceof ConnectionRefusedException refused) {
			payload.put("message", refused.getMessage());
			if (refused.getData() != null) {
				payload.set("data", Payloads.toNode(mapper(), refused.getData()));
			}
		}
		else {
			logger.debug("A connection middleware of namespace " + this.name + " failed", error);
			payload.put("message", (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName());
		}
		client.write(encoder().encode(new Packet(PacketType.CONNECT_ERROR, this.name, payload, Packet.NO_ID)));
	}

	void close(DisconnectReason reason) {
		for (SocketIOSocket socket : List.copyOf(this.sockets.values())) {
			socket.client.session.execute(() -> socket.onClose(reason));
		}
		this.adapter.close();
	}

	@Override
	public String toString() {
		return "Namespace[" + this.name + "]";
	}

	/** What the adapter may do with this namespace's local sockets. */
	private final class LocalContext implements AdapterContext {

		@Override
		public String namespace() {
			return Namespace.this.name;
		}

		@Override
		public JsonMapper mapper() {
			return Namespace.this.mapper();
		}

		@Override
		public @Nullable ConnectionStateRecoveryOptions recovery() {
			return Namespace.this.recovery();
		}

		@Override
		public long nextAckId() {
			return Namespace.this.nextAckId();
		}

		@Override
		public void deliver(Packet packet, Collection<String> socketIds, BroadcastFlags flags) {
			List<EnginePacket> encoded = null;
			Map<Executor, List<SocketIOSocket>> byLoop = null;
			int recipients = 0;
			for (String id : socketIds) {
				SocketIOSocket socket = Namespace.this.sockets.get(id);
				if (socket == null) {
					continue;
				}
				if (encoded == null) {
					encoded = encoder().encode(packet);
				}
				socket.notifyOutgoing(packet);
				recipients++;
				if (byLoop == null) {
					byLoop = new IdentityHashMap<>(4);
				}
				byLoop.computeIfAbsent(socket.client.session.eventLoop(), (loop) -> new ArrayList<>()).add(socket);
			}
			if (byLoop != null) {
				writeByLoop(byLoop, encoded, flags, packet.data());
			}
			observer().packetsSent(Namespace.this, recipients);
		}

		/**
		 * Hands the packets to each event loop once for all its recipients: one task per loop, not one per
		 * socket.
		 */
		private void writeByLoop(Map<Executor, List<SocketIOSocket>> byLoop, List<EnginePacket> encoded,
				BroadcastFlags flags, @Nullable JsonNode data) {
			for (Map.Entry<Executor, List<SocketIOSocket>> group : byLoop.entrySet()) {
				List<SocketIOSocket> sockets = group.getValue();
				if (sockets.size() == 1 || sockets.get(0).client.session.inEventLoop()) {
					sockets.forEach((socket) -> socket.deliver(encoded, flags, data));
				}
				else {
					group.getKey().execute(() -> sockets.forEach((socket) -> socket.deliver(encoded, flags, data)));
				}
			}
		}

		@Override
		public int deliverWithAck(Packet packet, Collection<String> socketIds, BroadcastFlags flags,
				Consumer<JsonNode> ack) {
			List<EnginePacket> encoded = null;
			int count = 0;
			for (String id : socketIds) {
				SocketIOSocket socket = Namespace.this.sockets.get(id);
				if (socket != null) {
					if (encoded == null) {
						encoded = encoder().encode(packet);
					}
					socket.registerAck(packet.id(), (values) -> ack.accept(firstOf(values)), (ignored) -> {
					}, flags.timeout());
					socket.notifyOutgoing(packet);
					socket.write(encoded, flags);
					count++;
				}
			}
			observer().packetsSent(Namespace.this, count);
			return count;
		}

		@Override
		public @Nullable SocketDetails socket(String socketId) {
			SocketIOSocket socket = Namespace.this.sockets.get(socketId);
			return (socket != null)
					? new SocketDetails(socket.id(), socket.handshake(), socket.rooms(), socket.data()) : null;
		}

		@Override
		public void join(String socketId, Set<String> rooms) {
			SocketIOSocket socket = Namespace.this.sockets.get(socketId);
			if (socket != null) {
				socket.join(rooms);
			}
		}

		@Override
		public void leave(String socketId, Set<String> rooms) {
			SocketIOSocket socket = Namespace.this.sockets.get(socketId);
			if (socket != null) {
				rooms.forEach(socket::leave);
			}
		}

		@Override
		public void disconnect(String socketId, boolean close) {
			SocketIOSocket socket = Namespace.this.sockets.get(socketId);
			if (socket != null) {
				socket.disconnect(close);
			}
		}

		@Override
		public void serverSideEvent(ArrayNode packet, @Nullable Consumer<JsonNode> ack) {
			if (packet.isEmpty()) {
				return;
			}
			String event = Payloads.eventName(packet.get(0));
			List<EventHandler> handlers = Namespace.this.serverSideHandlers.get(event);
			if (handlers == null) {
				return;
			}
			Arguments args = new Arguments(Payloads.arguments(packet), mapper());
			Ack answer = (ack != null) ? new ServerSideAck(ack) : Ack.NONE;
			for (EventHandler handler : handlers) {
				try {
					handler.onEvent(args, answer);
				}
				catch (RuntimeException ex) {
					logger.error("Server-side handler of '" + event + "' failed in namespace " + Namespace.this.name, ex);
				}
			}
		}

		private JsonNode firstOf(ArrayNode values) {
			return values.isEmpty() ? NullNode.getInstance() : values.get(0);
		}

	}

	/** Answers another node's server-side event, once, with its first argument. */
	private final class ServerSideAck implements Ack {

		private final Consumer<JsonNode> ack;

		private final java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();

		ServerSideAck(Consumer<JsonNode> ack) {
			this.ack = ack;
		}

		@Override
		public boolean requested() {
			return true;
		}

		@Override
		public void send(Object... args) {
			if (this.sent.compareAndSet(false, true)) {
				this.ack.accept((args.length > 0) ? Payloads.toNode(mapper(), args[0]) : NullNode.getInstance());
			}
		}

	}

}
