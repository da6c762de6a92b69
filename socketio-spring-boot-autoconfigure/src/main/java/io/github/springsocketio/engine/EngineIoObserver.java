package io.github.springsocketio.engine;

/**
 * Sees what happens to an {@link EngineIoServer}'s sessions, for metrics. Called on event loops and on the hot path:
 * implementations must be cheap and must not block. Every method does nothing by default.
 *
 * <pre>{@code engine.observe(new EngineIoObserver() {
 *     public void requestRefused(EngineIoError error) { refusals.increment(); }
 * });}</pre>
 */
public interface EngineIoObserver {

	/** Observes nothing. */
	EngineIoObserver NONE = new EngineIoObserver() {
	};

	/**
	 * A session opened.
	 * @param transport its first transport
	 */
	default void sessionOpened(Transport transport) {
	}

	/**
	 * An upgrade from polling to WebSocket ended.
	 * @param success whether the session now uses WebSocket
	 */
	default void upgradeEnded(boolean success) {
	}

	/**
	 * A session closed.
	 * @param transport the transport it used last
	 * @param reason why
	 */
	default void sessionClosed(Transport transport, CloseReason reason) {
	}

	/**
	 * A request was refused with an Engine.IO error.
	 * @param error the error
	 */
	default void requestRefused(EngineIoError error) {
	}

	/**
	 * A handshake was refused by a limit on its client address (and counted by {@link #requestRefused} too).
	 * @param limit the limit
	 */
	default void handshakeLimited(AddressLimit limit) {
	}

	/**
	 * Packet payloads came in.
	 * @param transport the transport
	 * @param bytes how many bytes
	 */
	default void bytesReceived(Transport transport, long bytes) {
	}

	/**
	 * Packets were written to a transport.
	 * @param transport the transport
	 * @param bytes how many bytes of packets
	 */
	default void bytesSent(Transport transport, long bytes) {
	}

	/**
	 * Volatile packets were dropped because the client's transport could not take them.
	 * @param packets how many
	 */
	default void packetsDropped(int packets) {
	}

}
