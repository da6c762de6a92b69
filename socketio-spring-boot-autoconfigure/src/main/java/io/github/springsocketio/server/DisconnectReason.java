package io.github.springsocketio.server;

import io.github.springsocketio.engine.CloseReason;

/**
 * Why a socket left its namespace, with the exact strings of the Node.js reference server.
 */
public enum DisconnectReason {

	/** The connection failed (or broke the transport's rules). */
	TRANSPORT_ERROR("transport error", true),

	/** The client closed the connection. */
	TRANSPORT_CLOSE("transport close", true),

	/** The server closed the connection. */
	FORCED_CLOSE("forced close", true),

	/** The client did not answer a ping in time. */
	PING_TIMEOUT("ping timeout", true),

	/** The client sent an invalid packet. */
	PARSE_ERROR("parse error", false),

	/** The server is shutting down. */
	SERVER_SHUTTING_DOWN("server shutting down", true),

	/** The server closed the client (e.g. it joined no namespace in time). */
	FORCED_SERVER_CLOSE("forced server close", true),

	/** The client left the namespace. */
	CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect", false),

	/** The server disconnected the socket. */
	SERVER_NAMESPACE_DISCONNECT("server namespace disconnect", false),

	/** The client did not read fast enough; its outbound buffer passed the configured limit. */
	SLOW_CLIENT("slow client", true),

	/** The server went past its memory budget and closed the connections holding the most. */
	SERVER_OVERLOADED("server overloaded", true),

	/**
	 * The socket sent events faster than allowed and the server disconnected it ({@link EventRateAction#DISCONNECT});
	 * the client sees {@code io server disconnect}, as after any disconnection by the server.
	 */
	TOO_MANY_EVENTS("too many events", false),

	/**
	 * The credentials the socket connected with ended (a token expired, a login session was logged out) and the
	 * server disconnected it; the client sees {@code io server disconnect}, as after any disconnection by the server.
	 */
	CREDENTIALS_EXPIRED("credentials expired", false);

	private final String reason;

	private final boolean recoverable;

	DisconnectReason(String reason, boolean recoverable) {
		this.reason = reason;
		this.recoverable = recoverable;
	}

	/** @return the reason as the reference server names it, e.g. {@code "transport close"} */
	public String reason() {
		return this.reason;
	}

	/** @return whether connection state recovery keeps the session of a socket that left for this reason */
	public boolean recoverable() {
		return this.recoverable;
	}

	static DisconnectReason of(CloseReason closeReason) {
		return switch (closeReason) {
			case TRANSPORT_CLOSE -> TRANSPORT_CLOSE;
			case TRANSPORT_ERROR -> TRANSPORT_ERROR;
			case PING_TIMEOUT -> PING_TIMEOUT;
			case PARSE_ERROR -> PARSE_ERROR;
			case FORCED_CLOSE -> FORCED_CLOSE;
			case SERVER_SHUTTING_DOWN -> SERVER_SHUTTING_DOWN;
			case SLOW_CLIENT -> SLOW_CLIENT;
			case SERVER_OVERLOADED -> SERVER_OVERLOADED;
		};
	}

	@Override
	public String toString() {
		return this.reason;
	}

}
