package io.github.springsocketio.server;

import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;

import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * What an {@link Adapter} may do with the sockets its namespace has on this node. Implemented by the server.
 */
public interface AdapterContext {

	/** @return the namespace name, e.g. {@code /chat} */
	String namespace();

	/** @return the application's JSON mapper */
	JsonMapper mapper();

	/** @return the recovery settings, or {@code null} when connection state recovery is off */
	@Nullable ConnectionStateRecoveryOptions recovery();

	/**
	 * Allocates an acknowledgement id from the namespace's counter, for a broadcast with acknowledgements that came
	 * from another node.
	 * @return the id
	 */
	long nextAckId();

	/**
	 * Encodes a packet once and sends it to local sockets.
	 * @param packet the packet
	 * @param socketIds the recipients; ids of sockets not (or no longer) here are skipped
	 * @param flags the broadcast flags (volatile, compress)
	 */
	void deliver(Packet packet, Collection<String> socketIds, BroadcastFlags flags);

	/**
	 * Encodes a packet that asks for an acknowledgement once, sends it to local sockets and reports each answer.
	 * @param packet the packet, with its acknowledgement id
	 * @param socketIds the recipients
	 * @param flags the broadcast flags; {@code timeout} bounds how long answers are awaited
	 * @param ack called with the first argument of each client's answer
	 * @return how many sockets the packet was sent to
	 */
	int deliverWithAck(Packet packet, Collection<String> socketIds, BroadcastFlags flags, Consumer<JsonNode> ack);

	/**
	 * @param socketId a socket id
	 * @return the details of that local socket, or {@code null} if it is not here
	 */
	@Nullable SocketDetails socket(String socketId);

	/**
	 * @param socketId a socket id
	 * @return what connection state recovery would keep of that local socket now, or {@code null} if it is not here
	 * or has no private session id
	 */
	default @Nullable PersistedSession session(String socketId) {
		return null;
	}

	/**
	 * Makes a local socket join rooms.
	 * @param socketId the socket
	 * @param rooms the rooms
	 */
	void join(String socketId, Set<String> rooms);

	/**
	 * Makes a local socket leave rooms.
	 * @param socketId the socket
	 * @param rooms the rooms
	 */
	void leave(String socketId, Set<String> rooms);

	/**
	 * Disconnects a local socket.
	 * @param socketId the socket
	 * @param close whether to close its whole connection too
	 */
	void disconnect(String socketId, boolean close);

	/**
	 * Hands an event emitted by another server to this namespace's server-side listeners.
	 * @param packet {@code [name, ...args]}
	 * @param ack called with the first argument of a listener's answer, or {@code null} when none is expected
	 */
	void serverSideEvent(ArrayNode packet, @Nullable Consumer<JsonNode> ack);

}
