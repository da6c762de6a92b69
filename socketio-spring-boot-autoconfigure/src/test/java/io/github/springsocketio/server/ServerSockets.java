package io.github.springsocketio.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Records the sockets a namespace accepts and why each left, for tests to wait on.
 *
 * <pre>{@code
 * ServerSockets sockets = new ServerSockets();
 * io.start((server) -> server.onConnection(sockets));
 * SocketIOSocket socket = sockets.next();
 * }</pre>
 */
final class ServerSockets implements Consumer<SocketIOSocket> {

	private final EventLog<SocketIOSocket> connected = new EventLog<>("server sockets");

	private final Map<String, CompletableFuture<DisconnectReason>> reasons = new ConcurrentHashMap<>();

	@Override
	public void accept(SocketIOSocket socket) {
		CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
		this.reasons.put(socket.id(), reason);
		socket.onDisconnect(reason::complete);
		this.connected.add(socket);
	}

	/** Takes the next socket that connected, waiting for it. */
	SocketIOSocket next() {
		return this.connected.next((socket) -> true, Awaits.TIMEOUT, "connection");
	}

	/** Waits for the socket of that id (the latest, when recovery brought it back). */
	SocketIOSocket byId(String id) {
		List<SocketIOSocket> all = this.connected.awaitCount((socket) -> socket.id().equals(id), 1, Awaits.TIMEOUT,
				"connection of " + id);
		return all.get(all.size() - 1);
	}

	/** Waits for the socket of that id to leave. @return why it left */
	DisconnectReason awaitDisconnect(String id) {
		byId(id);
		return Awaits.result(this.reasons.get(id));
	}

	/** @return the future reason of the latest socket of that id */
	CompletableFuture<DisconnectReason> disconnect(String id) {
		byId(id);
		return this.reasons.get(id);
	}

	/** @return how many sockets connected so far */
	int count() {
		return this.connected.all().size();
	}

}
