package io.github.springsocketio.server;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * A socket returned by {@code fetchSockets()}, on this node or another: its details as they were when fetched, and
 * operations that reach it wherever it is (they are broadcasts to the room named by its id).
 *
 * <pre>{@code
 * server.in("room1").fetchSockets().subscribe(sockets -> sockets.forEach(s -> s.emit("hello")));
 * }</pre>
 */
public final class RemoteSocket {

	private final SocketDetails details;

	private final Namespace namespace;

	RemoteSocket(SocketDetails details, Namespace namespace) {
		this.details = details;
		this.namespace = namespace;
	}

	/** @return the socket id */
	public String id() {
		return this.details.id();
	}

	/** @return how it connected */
	public Handshake handshake() {
		return this.details.handshake();
	}

	/** @return its rooms when fetched */
	public Set<String> rooms() {
		return this.details.rooms();
	}

	/** @return its data when fetched */
	public Map<String, Object> data() {
		return this.details.data();
	}

	/**
	 * The name of the socket's principal, the user {@link SocketIOServer#toUser(String)} reaches it as. A node of this
	 * library reports it with the socket's other details; a Node.js node does not, so its sockets have none.
	 *
	 * <pre>{@code
	 * server.fetchSockets().map(sockets -> sockets.stream().filter(s -> s.user().isPresent()).count());
	 * }</pre>
	 * @return the principal's name when fetched, empty for an anonymous socket and for a socket of a Node.js node
	 */
	public Optional<String> user() {
		return Optional.ofNullable(this.details.user());
	}

	/**
	 * Sends it an event.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, Object... args) {
		this.namespace.to(id()).emit(event, args);
	}

	/**
	 * Makes it join rooms.
	 * @param rooms the rooms
	 * @return completes once applied; nothing happens until it is subscribed
	 */
	public Mono<Void> join(String... rooms) {
		return this.namespace.in(id()).socketsJoin(rooms);
	}

	/**
	 * Makes it leave rooms.
	 * @param rooms the rooms
	 * @return completes once applied; nothing happens until it is subscribed
	 */
	public Mono<Void> leave(String... rooms) {
		return this.namespace.in(id()).socketsLeave(rooms);
	}

	/**
	 * Disconnects it.
	 * @param close whether to close its connection too
	 * @return completes once applied; nothing happens until it is subscribed
	 */
	public Mono<Void> disconnect(boolean close) {
		return this.namespace.in(id()).disconnectSockets(close);
	}

	@Override
	public String toString() {
		return "RemoteSocket[" + id() + " in " + this.namespace.name() + "]";
	}

}
