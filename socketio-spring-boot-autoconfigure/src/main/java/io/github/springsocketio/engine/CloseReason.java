package io.github.springsocketio.engine;

/**
 * Why an Engine.IO session ended, with the exact strings of the Node.js reference server. Socket.IO reports them to
 * applications as disconnect reasons.
 */
public enum CloseReason {

	/** The client closed the session (close packet or the connection went away cleanly). */
	TRANSPORT_CLOSE("transport close"),

	/** The transport failed or the client broke the transport's rules (e.g. two concurrent polling requests). */
	TRANSPORT_ERROR("transport error"),

	/** No pong arrived within the ping timeout. */
	PING_TIMEOUT("ping timeout"),

	/** The client sent a packet that could not be decoded. */
	PARSE_ERROR("parse error"),

	/** The server closed the session. */
	FORCED_CLOSE("forced close"),

	/** The server is shutting down. */
	SERVER_SHUTTING_DOWN("server shutting down"),

	/** The client did not read fast enough and its outbound buffer passed the configured limit. */
	SLOW_CLIENT("slow client"),

	/** The server went past its memory budget and closed the sessions holding the most to shed load. */
	SERVER_OVERLOADED("server overloaded");

	private final String description;

	CloseReason(String description) {
		this.description = description;
	}

	/** @return the reason as the reference server names it, e.g. {@code "ping timeout"} */
	public String description() {
		return this.description;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
