package io.github.springsocketio.server;

import java.util.Map;
import java.util.Set;

/**
 * What connection state recovery keeps of a socket that lost its connection.
 *
 * @param sid the socket id, given back on recovery
 * @param pid the private session id the client presents to recover
 * @param rooms the socket's rooms, its own id included
 * @param data the application's data attached to the socket
 */
public record PersistedSession(String sid, String pid, Set<String> rooms, Map<String, Object> data) {

	public PersistedSession {
		rooms = Set.copyOf(rooms);
		data = Map.copyOf(data);
	}

}
