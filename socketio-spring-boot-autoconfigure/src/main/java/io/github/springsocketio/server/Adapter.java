package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import io.github.springsocketio.protocol.Packet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import reactor.core.publisher.Mono;

/**
 * The service-provider interface through which every operation that may span several server nodes goes: the rooms
 * index, broadcasts, the server-level operations and the storage of connection state recovery. One adapter per
 * namespace per node. The in-memory adapter serves one node; cluster adapters forward to the others.
 *
 * <p>Methods may be called from any thread. Operations that return a {@link Mono} are lazy; the server subscribes
 * once per operation.
 */
public interface Adapter {

	/** Starts the adapter (subscriptions, timers). */
	default void init() {
	}

	/** Stops the adapter. */
	default void close() {
	}

	/**
	 * Adds a local socket to rooms.
	 * @param socketId the socket
	 * @param rooms the rooms
	 */
	void addAll(String socketId, Set<String> rooms);

	/**
	 * Removes a local socket from a room.
	 * @param socketId the socket
	 * @param room the room
	 */
	void del(String socketId, String room);

	/**
	 * Removes a local socket from all its rooms.
	 * @param socketId the socket
	 */
	void delAll(String socketId);

	/**
	 * @param socketId a local socket
	 * @return its rooms, empty when unknown
	 */
	Set<String> socketRooms(String socketId);

	/** @return the names of the rooms that have local members */
	Set<String> rooms();

	/**
	 * @param room a room
	 * @return how many local sockets are in it
	 */
	int roomSize(String room);

	/**
	 * Sends a packet to the sockets the options select, here and (unless {@code local}) on the other nodes.
	 * @param packet an event without acknowledgement id
	 * @param options the targeting
	 * @return completes once the packet is delivered locally (and published, for a cluster)
	 */
	Mono<Void> broadcast(Packet packet, BroadcastOptions options);

	/**
	 * Sends a packet that asks every recipient for an acknowledgement.
	 * @param packet an event with its acknowledgement id
	 * @param options the targeting; {@code flags.timeout} bounds the wait
	 * @param clientCount called once per node with how many clients the packet went to there
	 * @param ack called with the first argument of each client's answer
	 */
	void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCount, Consumer<JsonNode> ack);

	/** @return how many server nodes share this namespace, this one included */
	Mono<Integer> serverCount();

	/**
	 * @param options the targeting
	 * @return the selected sockets, local ones first
	 */
	Mono<List<SocketDetails>> fetchSockets(BroadcastOptions options);

	/**
	 * Makes the selected sockets join rooms.
	 * @param options the targeting
	 * @param rooms the rooms
	 * @return completes once applied locally (and published)
	 */
	Mono<Void> addSockets(BroadcastOptions options, Set<String> rooms);

	/**
	 * Makes the selected sockets leave rooms.
	 * @param options the targeting
	 * @param rooms the rooms
	 * @return completes once applied locally (and published)
	 */
	Mono<Void> delSockets(BroadcastOptions options, Set<String> rooms);

	/**
	 * Disconnects the selected sockets.
	 * @param options the targeting
	 * @param close whether to close their connections too
	 * @return completes once applied locally (and published)
	 */
	Mono<Void> disconnectSockets(BroadcastOptions options, boolean close);

	/**
	 * Emits an event to the other nodes' server-side listeners.
	 * @param packet {@code [name, ...args]}
	 * @return completes once published
	 */
	Mono<Void> serverSideEmit(ArrayNode packet);

	/**
	 * Emits an event to the other nodes' server-side listeners and collects their answers.
	 * @param packet {@code [name, ...args]}
	 * @param timeout how long to wait for every other node
	 * @return the first argument of each answer
	 */
	Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode packet, Duration timeout);

	/**
	 * Keeps the session of a socket that lost its connection, for connection state recovery.
	 * @param session the session
	 * @return completes once stored
	 */
	Mono<Void> persistSession(PersistedSession session);

	/**
	 * Tells the adapter that the data of a local socket with a private session id may have changed (after its
	 * connection handlers or an event handler ran). An adapter that keeps each socket's recovery state while the
	 * socket lives, so that it survives the crash of this node, reads it again with {@link AdapterContext#session};
	 * room changes reach it through {@link #addAll} and {@link #del}. Called on the socket's event loop: must not
	 * block.
	 * @param socketId the socket
	 */
	default void sessionChanged(String socketId) {
	}

	/**
	 * Gives back a kept session and the events its socket missed since {@code offset}; the session is consumed.
	 * @param pid the private session id
	 * @param offset the offset of the last event the client received
	 * @return the session, or empty when it is unknown, expired, or the offset is no longer known
	 */
	Mono<RestoredSession> restoreSession(String pid, String offset);

	/**
	 * Reads again, once a restored socket is back in its rooms, the events aimed at those rooms after an offset. A
	 * broadcast published after {@link #restoreSession} read the log, but delivered on this node before the socket
	 * joined its rooms, would otherwise reach it neither way; the server drops what the socket already got.
	 * @param rooms the socket's rooms
	 * @param offset the offset of the last event the socket got
	 * @return the data of each later event, {@code [name, ...args, offset]}, in order; empty for an adapter that
	 * keeps no log
	 */
	default Mono<List<ArrayNode>> missedPackets(Set<String> rooms, String offset) {
		return Mono.just(List.of());
	}

}
