package io.github.springsocketio.annotation;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a handler to answer its event with a given error acknowledgement (see {@link EventError} for the shape).
 *
 * <pre>{@code
 * @SocketIOEvent("join")
 * boolean join(SocketIOSocket socket, String room) {
 *     if (room.isBlank()) {
 *         throw new EventErrorException("INVALID_ROOM", "A room needs a name");
 *     }
 *     socket.join(room);
 *     return true;
 * }
 * }</pre>
 */
public class EventErrorException extends RuntimeException {

	private final EventError error;

	/**
	 * @param code the error code the client sees
	 * @param message the message the client sees
	 */
	public EventErrorException(String code, String message) {
		this(new EventError(code, message, null), null);
	}

	/**
	 * @param error the error the client sees
	 * @param cause the cause, for the logs, or {@code null}
	 */
	public EventErrorException(EventError error, @Nullable Throwable cause) {
		super(error.message(), cause);
		this.error = error;
	}

	/**
	 * The error the client's acknowledgement carries.
	 * <pre>{@code
	 * @SocketIOExceptionHandler
	 * EventError logged(EventErrorException ex) {
	 *     log.info("refused: {}", ex.getError().code());
	 *     return ex.getError();
	 * }
	 * }</pre>
	 * @return the error the client sees
	 */
	public EventError getError() {
		return this.error;
	}

}
