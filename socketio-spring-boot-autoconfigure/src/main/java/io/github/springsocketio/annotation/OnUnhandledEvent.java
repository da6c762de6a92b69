package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The catch-all of a namespace: receives each event that no handler (annotated or registered with
 * {@code socket.on}) listens to. One per namespace. Parameters: {@link EventName @EventName} {@code String}, the raw
 * {@link io.github.springsocketio.server.Arguments}, the socket, the namespace, the handshake, {@link Auth @Auth}.
 * Returns {@code void}, {@code Mono<Void>} or {@code CompletionStage<Void>}: an unhandled event is never
 * acknowledged.
 *
 * <pre>{@code
 * @OnUnhandledEvent
 * void unknown(SocketIOSocket socket, @EventName String event) {
 *     log.debug("{} sent unknown event {}", socket.id(), event);
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnUnhandledEvent {

	/**
	 * The namespaces, overriding the bean's {@link SocketIONamespace}; empty takes the bean's, or {@code /}.
	 * @return namespace names
	 */
	String[] namespace() default {};

}
