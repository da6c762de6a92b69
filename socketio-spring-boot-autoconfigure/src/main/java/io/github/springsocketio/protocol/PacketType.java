package io.github.springsocketio.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The seven Socket.IO packet types, by their digit on the wire.
 */
public enum PacketType {

	/** Client: join a namespace (optional auth object). Server: accepted, {@code {"sid":..}}. */
	CONNECT,

	/** Leave a namespace. */
	DISCONNECT,

	/** An event: {@code [name, ...args]}. */
	EVENT,

	/** The answer to an event that asked for one: {@code [...args]}. */
	ACK,

	/** Server: joining the namespace was refused, {@code {"message":..,"data":..}}. */
	CONNECT_ERROR,

	/** An event with binary attachments. */
	BINARY_EVENT,

	/** An acknowledgement with binary attachments. */
	BINARY_ACK;

	private static final PacketType[] BY_DIGIT = values();

	/** @return the digit on the wire */
	public char digit() {
		return (char) ('0' + ordinal());
	}

	static @Nullable PacketType fromDigit(byte digit) {
		int index = digit - '0';
		return (index >= 0 && index < BY_DIGIT.length) ? BY_DIGIT[index] : null;
	}

	boolean isBinary() {
		return this == BINARY_EVENT || this == BINARY_ACK;
	}

}
