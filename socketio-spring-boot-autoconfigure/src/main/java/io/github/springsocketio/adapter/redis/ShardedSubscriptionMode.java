package io.github.springsocketio.adapter.redis;

import java.util.Locale;

/**
 * Which rooms of the sharded Redis adapter get a channel of their own, as the {@code subscriptionMode} option of
 * {@code @socket.io/redis-adapter} 8's {@code createShardedAdapter}. Every node of a cluster must use the same mode:
 * a node publishes a single-room broadcast on the room's channel only when its mode gives the room one.
 */
public enum ShardedSubscriptionMode {

	/**
	 * No room channels: every broadcast goes to the namespace's channel, which every node reads. Two subscriptions
	 * per namespace and node.
	 */
	STATIC,

	/**
	 * A channel per public room (not a socket's own room): a node subscribes to it while it has members of the room,
	 * so it only receives the single-room broadcasts it delivers. One more subscription per public room per node.
	 */
	DYNAMIC,

	/**
	 * A channel per room, socket-id rooms included, so a message to one socket reaches only its node. One more
	 * subscription per socket too.
	 */
	DYNAMIC_PRIVATE;

	/** Node's guess for "this room is a socket id": 20 characters, as the ids of both servers are. */
	private static final int SOCKET_ID_LENGTH = 20;

	/**
	 * @param privateRoom whether the room is the id of a local socket
	 * @return whether a node subscribes to the room's channel while it has members of it
	 */
	boolean subscribesTo(boolean privateRoom) {
		return this == DYNAMIC_PRIVATE || (this == DYNAMIC && !privateRoom);
	}

	/**
	 * @param room the one room a broadcast without acknowledgements is aimed at
	 * @return whether it is published on the room's channel rather than the namespace's; in {@code dynamic} mode a
	 * room name of 20 characters is taken for a socket id, as Node.js does
	 */
	boolean publishesToRoomChannel(String room) {
		return this == DYNAMIC_PRIVATE || (this == DYNAMIC && room.length() != SOCKET_ID_LENGTH);
	}

	/** @return the mode as Node's option and the property spell it, e.g. {@code dynamic-private} */
	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
