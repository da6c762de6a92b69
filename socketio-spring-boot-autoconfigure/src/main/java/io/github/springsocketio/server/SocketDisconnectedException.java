package io.github.springsocketio.server;

/**
 * The socket disconnected before it answered an event that asked for an acknowledgement.
 */
public class SocketDisconnectedException extends RuntimeException {

	public SocketDisconnectedException(String message) {
		super(message, null, false, false);
	}

}
