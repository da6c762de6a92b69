package io.github.springsocketio.server;

import java.util.Map;
import java.util.Set;

/**
 * What an adapter reports of a socket, local or on another node: what {@code fetchSockets} returns.
 *
 * @param id the socket id
 * @param handshake how it connected
 * @param rooms its rooms, its own id included
 * @param data the application's data attached to it
 */
public record SocketDetails(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data) {

	public SocketDetails {
		rooms = Set.copyOf(rooms);
		data = Map.copyOf(data);
	}

}
