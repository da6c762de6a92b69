package io.github.springsocketio.server;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What an adapter reports of a socket, local or on another node: what {@code fetchSockets} returns.
 *
 * @param id the socket id
 * @param handshake how it connected
 * @param rooms its rooms, its own id included
 * @param data the application's data attached to it
 * @param user the name of its principal, {@code null} for an anonymous socket and for a socket of a Node.js node
 * (whose fetch-sockets answers carry no such field)
 */
public record SocketDetails(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data,
		@Nullable String user) {

	public SocketDetails {
		rooms = Set.copyOf(rooms);
		data = Map.copyOf(data);
	}

	/**
	 * The details of an anonymous socket.
	 * @param id the socket id
	 * @param handshake how it connected
	 * @param rooms its rooms, its own id included
	 * @param data the application's data attached to it
	 */
	public SocketDetails(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data) {
		this(id, handshake, rooms, data, null);
	}

}
