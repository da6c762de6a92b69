package io.github.springsocketio.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.node.ArrayNode;

/**
 * A session given back by connection state recovery, with the events the socket missed meanwhile.
 *
 * @param sid the socket id
 * @param pid the private session id
 * @param rooms the socket's rooms, its own id included
 * @param data the application's data attached to the socket
 * @param missedPackets the data of each missed event, {@code [name, ...args, offset]}, in order
 */
public record RestoredSession(String sid, String pid, Set<String> rooms, Map<String, Object> data,
		List<ArrayNode> missedPackets) {

	public RestoredSession {
		rooms = Set.copyOf(rooms);
		data = Map.copyOf(data);
		missedPackets = List.copyOf(missedPackets);
	}

}
