package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.protocol.PacketParser;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Socket.IO server: namespaces over an Engine.IO endpoint. The methods that are not about a namespace act on the
 * main namespace {@code /}.
 *
 * <pre>{@code
 * SocketIOServer server = SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build();
 * server.onConnection(socket -> socket.on("chat message", (args, ack) -> server.emit("chat message", args.node(0))));
 * server.of("/admin").use(socket -> checkToken(socket.handshake().auth("token")));
 * }</pre>
 */
public final class SocketIOServer {

	private final SocketIOOptions options;

	private final JsonMapper mapper;

	private final ParserType parserType;

	private final PacketParser parser;

	private final AdapterFactory adapterFactory;

	private final SocketAuthenticator authenticator;

	private final EngineIoServer engine;

	private final Namespaces namespaces;

	private final Namespace main;

	private volatile boolean closed;

	// NONE, the one observer added, or a chain of those added: what an event is handed to, read once per event
	private volatile SocketIOObserver observer = SocketIOObserver.NONE;

	private final AtomicLong pendingAcks = new AtomicLong();

	private final AtomicLong pendingSessionSaves = new AtomicLong();

	private SocketIOServer(Builder builder) {
		this.options = builder.options;
		this.mapper = builder.mapper;
		// a binary packet counts as a whole against the message limit, however many messages carry it
		this.parserType = builder.parser;
		this.parser = builder.parser.create(this.mapper, this.options, builder.engineOptions.maxHttpBufferSize());
		this.adapterFactory = Objects.requireNonNull(builder.adapterFactory, "adapterFactory");
		this.authenticator = builder.authenticator;
		this.namespaces = new Namespaces(this, this.options);
		this.engine = new EngineIoServer(builder.engineOptions, new ClientListener(this));
		this.main = of("/");
	}

	/** @return a builder with the defaults; an adapter factory must be given */
	public static Builder builder() {
		return new Builder();
	}

	/** @return the Engine.IO endpoint this server runs on, to mount on a Reactor Netty server */
	public EngineIoServer engine() {
		return this.engine;
	}

	/** @return the Socket.IO options */
	public SocketIOOptions options() {
		return this.options;
	}

	/** @return the JSON mapper that encodes and decodes payloads */
	public JsonMapper mapper() {
		return this.mapper;
	}

	/** @return the wire format this server speaks, which its clients must use too */
	public ParserType parserType() {
		return this.parserType;
	}

	/** @return the wire format of packets, with which a broadcast is encoded once for all its recipients */
	PacketParser parser() {
		return this.parser;
	}

	AdapterFactory adapterFactory() {
		return this.adapterFactory;
	}

	SocketAuthenticator authenticator() {
		return this.authenticator;
	}

	/**
	 * A namespace, created if it does not exist yet.
	 * <pre>{@code Namespace chat = server.of("/chat");}</pre>
	 * @param name the name; a leading {@code /} is added if missing
	 * @return the namespace
	 */
	public Namespace of(String name) {
		return this.namespaces.named(name);
	}

	/**
	 * A dynamic namespace: children are created for the names the pattern finds a match in (as JavaScript's
	 * {@code RegExp.test}: anchor it to match whole names).
	 * <pre>{@code server.of(Pattern.compile("^/dyn-\\w+$"));}</pre>
	 * @param pattern the pattern
	 * @return the parent namespace
	 */
	public ParentNamespace of(Pattern pattern) {
		return this.namespaces
			.add(new ParentNamespace(this, (name, auth) -> pattern.matcher(name).find(), pattern.pattern()));
	}

	/**
	 * A dynamic namespace: children are created for the names the matcher accepts.
	 * @param matcher the matcher
	 * @return the parent namespace
	 */
	public ParentNamespace of(NamespaceMatcher matcher) {
		return this.namespaces.add(new ParentNamespace(this, matcher, "<matcher>"));
	}

	/** @return the namespaces that exist on this node, dynamic children included */
	public Collection<Namespace> namespaces() {
		return this.namespaces.all();
	}

	/** @return the main namespace {@code /} */
	public Namespace defaultNamespace() {
		return this.main;
	}

	Namespaces namespaceRegistry() {
		return this.namespaces;
	}

	// Shortcuts to the main namespace

	/**
	 * Adds a connection middleware to the main namespace.
	 * @param middleware the middleware
	 * @return this server
	 */
	public SocketIOServer use(ConnectMiddleware middleware) {
		this.main.use(middleware);
		return this;
	}

	/**
	 * Handles each socket that joins the main namespace.
	 * @param handler the handler
	 * @return this server
	 */
	public SocketIOServer onConnection(Consumer<SocketIOSocket> handler) {
		this.main.onConnection(handler);
		return this;
	}

	/**
	 * Sends an event to every socket of the main namespace.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, Object... args) {
		this.main.emit(event, args);
	}

	/**
	 * @param rooms the rooms
	 * @return an operator targeting their members in the main namespace
	 */
	public BroadcastOperator to(String... rooms) {
		return this.main.to(rooms);
	}

	/**
	 * @param rooms the rooms
	 * @return an operator targeting their members in the main namespace
	 */
	public BroadcastOperator in(String... rooms) {
		return this.main.in(rooms);
	}

	/**
	 * Targets every socket of users in the main namespace, on every node: their user rooms ({@link UserRooms}).
	 * <pre>{@code server.toUser("alice").emit("notification", note);}</pre>
	 * @param users the principals' names
	 * @return an operator targeting their sockets in the main namespace
	 */
	public BroadcastOperator toUser(String... users) {
		return this.main.toUser(users);
	}

	/**
	 * @param rooms the rooms
	 * @return an operator targeting the main namespace but their members
	 */
	public BroadcastOperator except(String... rooms) {
		return this.main.except(rooms);
	}

	/** @return an operator on the main namespace that stays on this node */
	public BroadcastOperator local() {
		return this.main.local();
	}

	/** @return an operator on the main namespace sending volatile events */
	public BroadcastOperator asVolatile() {
		return this.main.asVolatile();
	}

	/**
	 * @param compress the compression hint
	 * @return an operator on the main namespace with that hint
	 */
	public BroadcastOperator compress(boolean compress) {
		return this.main.compress(compress);
	}

	/**
	 * @param timeout how long to wait for acknowledgements
	 * @return an operator on the main namespace with that deadline
	 */
	public BroadcastOperator timeout(Duration timeout) {
		return this.main.timeout(timeout);
	}

	/** @return every socket of the main namespace, on every node */
	public Mono<List<RemoteSocket>> fetchSockets() {
		return this.main.fetchSockets();
	}

	/**
	 * @param rooms the rooms every socket of the main namespace joins
	 * @return completes once applied
	 */
	public Mono<Void> socketsJoin(String... rooms) {
		return this.main.socketsJoin(rooms);
	}

	/**
	 * @param rooms the rooms every socket of the main namespace leaves
	 * @return completes once applied
	 */
	public Mono<Void> socketsLeave(String... rooms) {
		return this.main.socketsLeave(rooms);
	}

	/**
	 * @param close whether to close the connections too
	 * @return completes once every socket of the main namespace is disconnected
	 */
	public Mono<Void> disconnectSockets(boolean close) {
		return this.main.disconnectSockets(close);
	}

	/**
	 * Sends an event to the other server nodes.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void serverSideEmit(String event, Object... args) {
		this.main.serverSideEmit(event, args);
	}

	/**
	 * Sends an event to the other server nodes and collects their answers, once the {@code Mono} is subscribed.
	 * @param event the event name
	 * @param args the arguments
	 * @return the answers
	 * @see Namespace#serverSideEmitWithAck
	 */
	public Mono<List<JsonNode>> serverSideEmitWithAck(String event, Object... args) {
		return this.main.serverSideEmitWithAck(event, args);
	}

	/**
	 * Closes the server: every socket leaves with {@code server shutting down}, every connection is closed (clients
	 * reconnect, elsewhere in a cluster), and no new connection is accepted.
	 */
	public void close() {
		this.closed = true;
		for (Namespace namespace : this.namespaces.all()) {
			namespace.close(DisconnectReason.SERVER_SHUTTING_DOWN);
		}
		this.engine.shutdown(CloseReason.SERVER_SHUTTING_DOWN);
	}

	/**
	 * Adds an observer of this server's sockets. Every observer added gets every event, in the order added: the
	 * meters are one, and an application's own observers sit beside them. Adding one again changes nothing.
	 * @param observer the observer
	 */
	public synchronized void observe(SocketIOObserver observer) {
		this.observer = ObserverChain.append(this.observer, Objects.requireNonNull(observer, "observer"));
	}

	SocketIOObserver observer() {
		return this.observer;
	}

	/** @return how many acknowledgements the server is waiting for from clients */
	public long pendingAcks() {
		return this.pendingAcks.get();
	}

	AtomicLong pendingAckCounter() {
		return this.pendingAcks;
	}

	/**
	 * @return how many sessions of sockets that left are still being kept for connection state recovery: a graceful
	 * stop waits for them, so that a client reconnecting elsewhere finds its session
	 */
	public long pendingSessionSaves() {
		return this.pendingSessionSaves.get();
	}

	AtomicLong pendingSessionSaveCounter() {
		return this.pendingSessionSaves;
	}

	/** @return whether {@link #close()} was called: the server no longer accepts connections */
	public boolean isClosed() {
		return this.closed;
	}

	/** Builds a {@link SocketIOServer}. */
	public static final class Builder {

		private EngineIoOptions engineOptions = EngineIoOptions.builder().build();

		private SocketIOOptions options = SocketIOOptions.defaults();

		private JsonMapper mapper = JsonMapper.builder().build();

		private @Nullable AdapterFactory adapterFactory;

		private ParserType parser = ParserType.DEFAULT;
		private SocketAuthenticator authenticator = SocketAuthenticator.ANONYMOUS;

		private Builder() {
		}

		public Builder engineOptions(EngineIoOptions engineOptions) {
			this.engineOptions = engineOptions;
			return this;
		}

		public Builder options(SocketIOOptions options) {
			this.options = options;
			return this;
		}

		public Builder mapper(JsonMapper mapper) {
			this.mapper = mapper;
			return this;
		}

		public Builder adapterFactory(AdapterFactory adapterFactory) {
			this.adapterFactory = adapterFactory;
			return this;
		}

		/**
		 * The wire format, {@link ParserType#DEFAULT} unless set; clients must use the same one.
		 * @param parser the parser
		 * @return this builder
		 */
		public Builder parser(ParserType parser) {
			this.parser = Objects.requireNonNull(parser, "parser");
			return this;
		}

		/**
		 * The authenticator of each socket's namespace connection.
		 * @param authenticator establishes who opens each socket; by default every socket is anonymous
		 * @return this builder
		 */
		public Builder authenticator(SocketAuthenticator authenticator) {
			this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
			return this;
		}

		public SocketIOServer build() {
			return new SocketIOServer(this);
		}

	}

}
