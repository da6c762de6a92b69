package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles one event that clients send to a namespace. The method's parameters are resolved by type (the socket, the
 * namespace, the handshake, an {@link io.github.springsocketio.server.Ack}, the raw
 * {@link io.github.springsocketio.server.Arguments}, {@link EventName @EventName}, {@link Auth @Auth}); every other
 * parameter is the next argument of the event, converted with the application's JSON mapper (records, POJOs,
 * {@code List}, {@code Map}, {@code JsonNode}, {@code byte[]} for binary, primitives), validated when annotated with
 * {@code @Valid}.
 *
 * <p>The return value is the acknowledgement, when the client asked for one: a plain value, a {@code Mono} or a
 * {@code CompletionStage} of one, or nothing ({@code void}: an acknowledgement without arguments). A failure is
 * answered with an error acknowledgement ({@link EventError}) and handed to the
 * {@link SocketIOExceptionHandler @SocketIOExceptionHandler} methods. A method that takes an
 * {@link io.github.springsocketio.server.Ack} acknowledges by itself (or not at all) and returns {@code void}, or
 * {@code Mono<Void>} / {@code CompletionStage<Void>} to run on the event loop.
 *
 * <pre>{@code
 * @SocketIOEvent("chat message")
 * Receipt onMessage(SocketIOSocket socket, ChatMessage message) {
 *     socket.to(message.room()).emit("chat message", message);
 *     return new Receipt(message.id(), Instant.now());
 * }
 * }</pre>
 *
 * @see SocketIONamespace
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SocketIOEvent {

	/**
	 * The event name, not one the client library reserves ({@code connect}, {@code connect_error},
	 * {@code disconnect}, {@code disconnecting}, {@code newListener}, {@code removeListener}).
	 * @return the event name
	 */
	String value();

	/**
	 * The namespaces this handler serves, overriding the bean's {@link SocketIONamespace}; empty takes the bean's,
	 * or the main namespace {@code /}.
	 * @return namespace names such as {@code "/chat"}
	 */
	String[] namespace() default {};

}
