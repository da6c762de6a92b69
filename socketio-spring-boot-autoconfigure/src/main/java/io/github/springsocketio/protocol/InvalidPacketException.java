package io.github.springsocketio.protocol;

/**
 * A client sent something that is not a valid Socket.IO packet. The connection it came on is closed.
 */
public class InvalidPacketException extends RuntimeException {

	public InvalidPacketException(String message) {
		super(message, null, false, false);
	}

}
