package io.github.springsocketio.adapter;

import org.jspecify.annotations.Nullable;

/**
 * The messages server nodes exchange, with the codes of the Node.js {@code socket.io-adapter} cluster adapter.
 */
public enum ClusterMessageType {

	/** Heartbeat variant only: an adapter started. */
	INITIAL_HEARTBEAT(1),

	/** Heartbeat variant only: an adapter is alive. */
	HEARTBEAT(2),

	/** A broadcast; with a request id when acknowledgements are expected. */
	BROADCAST(3),

	/** {@code socketsJoin}. */
	SOCKETS_JOIN(4),

	/** {@code socketsLeave}. */
	SOCKETS_LEAVE(5),

	/** {@code disconnectSockets}. */
	DISCONNECT_SOCKETS(6),

	/** {@code fetchSockets} request. */
	FETCH_SOCKETS(7),

	/** Answer to {@link #FETCH_SOCKETS}. */
	FETCH_SOCKETS_RESPONSE(8),

	/** {@code serverSideEmit}; with a request id when answers are expected. */
	SERVER_SIDE_EMIT(9),

	/** Answer to {@link #SERVER_SIDE_EMIT}. */
	SERVER_SIDE_EMIT_RESPONSE(10),

	/** How many clients a node sent a broadcast with acknowledgements to. */
	BROADCAST_CLIENT_COUNT(11),

	/** One client's acknowledgement of a broadcast. */
	BROADCAST_ACK(12),

	/** Heartbeat variant only: an adapter closed. */
	ADAPTER_CLOSE(13);

	private final int code;

	ClusterMessageType(int code) {
		this.code = code;
	}

	/** @return the code on the wire */
	public int code() {
		return this.code;
	}

	/**
	 * @param code a code from the wire
	 * @return the type, or {@code null} for an unknown code
	 */
	public static @Nullable ClusterMessageType of(int code) {
		for (ClusterMessageType type : values()) {
			if (type.code == code) {
				return type;
			}
		}
		return null;
	}

	/** @return whether the data of this type may hold binary values (and so may need MessagePack in a stream) */
	boolean mayCarryBinary() {
		return this == BROADCAST || this == FETCH_SOCKETS_RESPONSE || this == SERVER_SIDE_EMIT
				|| this == SERVER_SIDE_EMIT_RESPONSE || this == BROADCAST_ACK;
	}

}
