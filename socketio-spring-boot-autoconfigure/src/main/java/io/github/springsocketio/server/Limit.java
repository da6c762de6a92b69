package io.github.springsocketio.server;

import io.github.springsocketio.protocol.PacketLimitException;

/**
 * A limit on what clients may make the server hold, each with the name metrics tag it by. Past a limit a client is
 * refused what it asked for (see {@link SocketIOLimits} for each one's answer); no other client is affected.
 */
public enum Limit {

	/** Arrays and objects nested too deep in a packet. */
	JSON_NESTING_DEPTH(PacketLimitException.JSON_NESTING_DEPTH),

	/** A packet's JSON text too long. */
	JSON_DOCUMENT_LENGTH(PacketLimitException.JSON_DOCUMENT_LENGTH),

	/** A string in a packet too long. */
	JSON_STRING_LENGTH(PacketLimitException.JSON_STRING_LENGTH),

	/** A number in a packet too long. */
	JSON_NUMBER_LENGTH(PacketLimitException.JSON_NUMBER_LENGTH),

	/** A packet announcing too many binary attachments. */
	ATTACHMENTS(PacketLimitException.ATTACHMENTS),

	/** A connection joining too many namespaces. */
	NAMESPACES_PER_CONNECTION("namespaces-per-connection"),

	/** Too many children of dynamic namespaces on this node. */
	DYNAMIC_NAMESPACES("dynamic-namespaces"),

	/** A namespace name too long. */
	NAMESPACE_NAME_LENGTH("namespace-name-length"),

	/** An event name too long. */
	EVENT_NAME_LENGTH("event-name-length"),

	/** A socket joining too many rooms. */
	ROOMS_PER_SOCKET("rooms-per-socket"),

	/** A room name too long. */
	ROOM_NAME_LENGTH("room-name-length"),

	/** A socket sending events faster than allowed. */
	EVENTS_PER_SECOND("events-per-second");

	private final String tag;

	Limit(String tag) {
		this.tag = tag;
	}

	/** @return the name metrics tag it by, e.g. {@code rooms-per-socket} */
	public String tag() {
		return this.tag;
	}

	/**
	 * @param exception what the packet decoder threw
	 * @return the limit it enforced
	 */
	static Limit of(PacketLimitException exception) {
		for (Limit limit : values()) {
			if (limit.tag.equals(exception.limit())) {
				return limit;
			}
		}
		throw new IllegalArgumentException("Unknown limit " + exception.limit());
	}

}
