package io.github.springsocketio.server;

import org.jspecify.annotations.Nullable;

/**
 * Refuses a client's connection to a namespace: the client's {@code connect_error} gets this message and data.
 */
public class ConnectionRefusedException extends RuntimeException {

	private final @Nullable Object data;

	/**
	 * @param message the message the client sees
	 */
	public ConnectionRefusedException(String message) {
		this(message, null);
	}

	/**
	 * @param message the message the client sees
	 * @param data extra data the client sees as {@code err.data}, serialised to JSON
	 */
	public ConnectionRefusedException(String message, @Nullable Object data) {
		super(message, null, false, false);
		this.data = data;
	}

	/** @return the data sent with the refusal, or {@code null} */
	public @Nullable Object getData() {
		return this.data;
	}

}
