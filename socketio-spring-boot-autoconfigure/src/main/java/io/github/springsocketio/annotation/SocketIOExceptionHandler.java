package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles exceptions thrown by handlers, like Spring MVC's {@code @ExceptionHandler}: in the bean whose handler
 * failed first, then in the {@link SocketIOAdvice} beans in their order. The closest match by exception type wins
 * (the exception itself, then its causes).
 *
 * <p>Parameters: the exception, the socket, the namespace, the handshake, {@link EventName @EventName}
 * {@code String} (empty for connect and disconnect handlers), the raw {@link io.github.springsocketio.server.Arguments}.
 * The return value is the acknowledgement of the failed event: an {@link EventError} is sent as an error
 * acknowledgement {@code {"error": {...}}}, any other value as it is; {@code void} sends the default error
 * acknowledgement. Without an acknowledgement to send, the return value is ignored.
 *
 * <pre>{@code
 * @SocketIOExceptionHandler
 * EventError roomFull(RoomFullException ex) {
 *     return new EventError("ROOM_FULL", "Room " + ex.room() + " is full", null);
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SocketIOExceptionHandler {

	/**
	 * The exceptions handled; empty takes the type of the method's exception parameter.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] value() default {};

}
