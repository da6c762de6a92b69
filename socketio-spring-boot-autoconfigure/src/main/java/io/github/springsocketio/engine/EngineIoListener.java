package io.github.springsocketio.engine;

/**
 * Receives what happens to the sessions of an {@link EngineIoServer}. Every call is made on the session's event loop:
 * do not block in it.
 *
 * <pre>{@code
 * EngineIoListener echo = (session, message) -> session.send(message.binary()
 *         ? EnginePacket.binary(message.data())
 *         : EnginePacket.text(message.text()));
 * }</pre>
 */
@FunctionalInterface
public interface EngineIoListener {

	/**
	 * A session was opened; its open packet is already queued.
	 * @param session the new session
	 */
	default void onOpen(EngineIoSession session) {
	}

	/**
	 * The client sent a message.
	 * @param session the session
	 * @param message the message
	 */
	void onMessage(EngineIoSession session, EngineMessage message);

	/**
	 * The session moved from polling to WebSocket.
	 * @param session the session
	 */
	default void onUpgrade(EngineIoSession session) {
	}

	/**
	 * The session is closed; nothing more can be sent on it.
	 * @param session the session
	 * @param reason why it closed
	 */
	default void onClose(EngineIoSession session, CloseReason reason) {
	}

}
