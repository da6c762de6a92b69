package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection state recovery: a client that lost its connection gets back its socket id, rooms, data and the events
 * it missed, if it reconnects in time.
 *
 * @param maxDisconnectionDuration how long a lost session and the events it missed are kept (default 2 min)
 * @param skipMiddlewares whether a recovered socket skips the connection middlewares (default true, as in Node.js)
 */
public record ConnectionStateRecoveryOptions(Duration maxDisconnectionDuration, boolean skipMiddlewares) {

	public ConnectionStateRecoveryOptions {
		Objects.requireNonNull(maxDisconnectionDuration, "maxDisconnectionDuration");
		if (maxDisconnectionDuration.isNegative() || maxDisconnectionDuration.isZero()) {
			throw new IllegalArgumentException("maxDisconnectionDuration must be positive, got " + maxDisconnectionDuration);
		}
	}

	/** @return the Node.js defaults: 2 minutes, middlewares skipped */
	public static ConnectionStateRecoveryOptions defaults() {
		return new ConnectionStateRecoveryOptions(Duration.ofMinutes(2), true);
	}

}
