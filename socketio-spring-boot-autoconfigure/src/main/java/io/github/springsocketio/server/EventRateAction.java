package io.github.springsocketio.server;

/**
 * What happens to an event a socket sends past {@link SocketIOLimits#eventsPerSecond()}.
 */
public enum EventRateAction {

	/**
	 * The event is dropped; if it asked for an acknowledgement, the acknowledgement is sent at once with one argument,
	 * {@code {"error":{"code":"RATE_LIMITED","message":"Too many events"}}}. The socket stays connected.
	 */
	DROP,

	/**
	 * The socket is disconnected from its namespace, as by {@link SocketIOSocket#disconnect()}: the client sees
	 * {@code io server disconnect} and does not reconnect by itself; the server sees the reason
	 * {@link DisconnectReason#TOO_MANY_EVENTS}. The client's other namespaces stay connected.
	 */
	DISCONNECT

}
