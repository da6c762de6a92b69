package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dynamic namespace: a matcher (a regular expression or a predicate) that creates a child namespace the first time
 * a client asks for a name it accepts. Children inherit the parent's middlewares and connection handlers; a broadcast
 * on the parent reaches every child.
 *
 * <pre>{@code
 * server.of(Pattern.compile("^/workspace-\\d+$"))
 *         .onConnection(socket -> socket.emit("hello", socket.namespace().name()));
 * }</pre>
 */
public final class ParentNamespace implements BroadcastTarget {

	private final SocketIOServer server;

	private final NamespaceMatcher matcher;

	private final String name;

	private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();

	private final List<Consumer<SocketIOSocket>> connectionHandlers = new CopyOnWriteArrayList<>();

	private final Map<String, Namespace> children = new ConcurrentHashMap<>();

	private final java.util.Set<String> declaredEvents = ConcurrentHashMap.newKeySet();

	ParentNamespace(SocketIOServer server, NamespaceMatcher matcher, String name) {
		this.server = server;
		this.matcher = matcher;
		this.name = name;
	}

	/**
	 * @return what the children's names match: the regular expression, or {@code <matcher>} for a predicate; what
	 * metrics report instead of each child's name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Adds a connection middleware to every child, present and future.
	 * @param middleware the middleware
	 * @return this parent
	 */
	public ParentNamespace use(ConnectMiddleware middleware) {
		this.middlewares.add(middleware);
		return this;
	}

	/**
	 * Handles each socket that joins any child.
	 * @param handler the handler
	 * @return this parent
	 */
	public ParentNamespace onConnection(Consumer<SocketIOSocket> handler) {
		this.connectionHandlers.add(handler);
		return this;
	}

	/** @return the children created so far */
	public Collection<Namespace> children() {
		return List.copyOf(this.children.values());
	}

	@Override
	public Collection<Namespace> namespaces() {
		return children();
	}

	/**
	 * @param rooms the rooms
	 * @return an operator targeting their members in every child
	 */
	public BroadcastOperator to(String... rooms) {
		return new BroadcastOperator(this).to(rooms);
	}

	/**
	 * @param rooms the rooms
	 * @return an operator targeting everyone but their members, in every child
	 */
	public BroadcastOperator except(String... rooms) {
		return new BroadcastOperator(this).except(rooms);
	}

	/** @return an operator that stays on this node */
	public BroadcastOperator local() {
		return new BroadcastOperator(this).local();
	}

	/** @return an operator sending volatile events */
	public BroadcastOperator asVolatile() {
		return new BroadcastOperator(this).asVolatile();
	}

	/**
	 * @param timeout how long to wait for other nodes
	 * @return an operator with that deadline
	 */
	public BroadcastOperator timeout(Duration timeout) {
		return new BroadcastOperator(this).timeout(timeout);
	}

	/**
	 * Sends an event to every socket of every child.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, Object... args) {
		new BroadcastOperator(this).emit(event, args);
	}

	/** @return every socket of every child, on every node */
	public Mono<List<RemoteSocket>> fetchSockets() {
		return new BroadcastOperator(this).fetchSockets();
	}

	/**
	 * Declares an event name every child handles (see {@link Namespace#declareEvent}).
	 * @param event the event name
	 */
	public void declareEvent(String event) {
		this.declaredEvents.add(event);
	}

	boolean isDeclared(String event) {
		return this.declaredEvents.contains(event);
	}

	List<ConnectMiddleware> middlewares() {
		return this.middlewares;
	}

	List<Consumer<SocketIOSocket>> connectionHandlers() {
		return this.connectionHandlers;
	}

	boolean matches(String name, ObjectNode auth) {
		return this.matcher.matches(name, auth);
	}

	/** @return the child of that name, created if needed; {@code null} past the limit on their number */
	@Nullable Namespace child(String name) {
		return this.server.namespaceRegistry().dynamic().child(this, name);
	}

	void adopt(Namespace child) {
		this.children.put(child.name(), child);
	}

	void release(Namespace child) {
		this.children.remove(child.name(), child);
	}

}
