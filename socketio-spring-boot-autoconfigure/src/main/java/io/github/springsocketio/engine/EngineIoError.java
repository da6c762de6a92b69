package io.github.springsocketio.engine;

/**
 * The errors an Engine.IO server answers to a request it refuses, with the code, message and HTTP status of the
 * Node.js reference server.
 */
public enum EngineIoError {

	/** Missing, unknown or disabled {@code transport}. */
	UNKNOWN_TRANSPORT(0, "Transport unknown", 400),

	/** Unknown or already closed {@code sid}: the usual symptom of a load balancer without sticky sessions. */
	UNKNOWN_SID(1, "Session ID unknown", 400),

	/** A handshake with another method than {@code GET}. */
	BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),

	/** Transport mismatch, {@code transport=websocket} without an upgrade, invalid {@code Origin} and the like. */
	BAD_REQUEST(3, "Bad request", 400),

	/** The allow-request hook refused the handshake. */
	FORBIDDEN(4, "Forbidden", 403),

	/** {@code EIO} missing or not {@code 4}. */
	UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400),

	/**
	 * A handshake while the server sheds load, past its memory budget. Not one of the reference's codes, which has no
	 * budget; clients retry as after any failed handshake.
	 */
	SERVER_OVERLOADED(6, "Server overloaded", 503);

	private final int code;

	private final String message;

	private final int status;

	EngineIoError(int code, String message, int status) {
		this.code = code;
		this.message = message;
		this.status = status;
	}

	/** @return the numeric code sent as {@code code} in the JSON body */
	public int code() {
		return this.code;
	}

	/** @return the default message sent as {@code message} in the JSON body */
	public String message() {
		return this.message;
	}

	/** @return the HTTP status of a polling request refused with this error */
	public int status() {
		return this.status;
	}

}
