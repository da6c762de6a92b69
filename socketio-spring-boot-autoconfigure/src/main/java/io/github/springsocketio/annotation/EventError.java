package io.github.springsocketio.annotation;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The error a failed event is acknowledged with. The client's acknowledgement callback receives one argument,
 * {@code {"error": {"code": code, "message": message, "details": details}}} ({@code details} only when not
 * {@code null}).
 *
 * <pre>{@code
 * socket.emit("join", "vip", (answer) => {
 *     if (answer?.error) console.warn(answer.error.code, answer.error.message);
 * });
 * }</pre>
 *
 * The codes this layer uses itself: {@value #BAD_REQUEST}, {@value #VALIDATION_FAILED}, {@value #BUSY},
 * {@value #INTERNAL_ERROR}; the server's own, below any handler: {@value #RATE_LIMITED}; and Spring Security's
 * method security, when it is used: {@value #FORBIDDEN}.
 *
 * @param code a stable, machine-readable code, such as {@code "ROOM_FULL"}
 * @param message a human-readable message
 * @param details more data, serialised to JSON, or {@code null}
 */
public record EventError(String code, String message, @Nullable Object details) {

	/** An argument could not be converted to its parameter's type. */
	public static final String BAD_REQUEST = "BAD_REQUEST";

	/** A {@code @Valid} argument broke its constraints; the details list them as {@code {path, message}}. */
	public static final String VALIDATION_FAILED = "VALIDATION_FAILED";

	/** The socket has too many events waiting to be handled. */
	public static final String BUSY = "BUSY";

	/**
	 * The socket sent events faster than {@code socketio.limits.events-per-second}: the event was dropped before any
	 * handler saw it.
	 */
	public static final String RATE_LIMITED = "RATE_LIMITED";

	/**
	 * Method security denied the call (an {@code AccessDeniedException}, such as a {@code @PreAuthorize} that did
	 * not hold); not logged above DEBUG.
	 */
	public static final String FORBIDDEN = "FORBIDDEN";

	/** Any other exception; its message is not sent, it is logged. */
	public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

	public EventError {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(message, "message");
	}

	/**
	 * An error without details.
	 * <pre>{@code return EventError.of("NOT_FOUND", "No such room");}</pre>
	 * @param code the code
	 * @param message the message
	 * @return the error
	 */
	public static EventError of(String code, String message) {
		return new EventError(code, message, null);
	}

}
