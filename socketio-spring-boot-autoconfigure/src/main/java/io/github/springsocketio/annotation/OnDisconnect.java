package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a socket has left a namespace, after every event it sent has been handled. Parameters: the socket (no
 * longer in its rooms), the namespace, the handshake, {@link Auth @Auth} and the
 * {@link io.github.springsocketio.server.DisconnectReason}. Returns {@code void}, {@code Mono<Void>} or
 * {@code CompletionStage<Void>}.
 *
 * <pre>{@code
 * @OnDisconnect
 * void goodbye(SocketIOSocket socket, DisconnectReason reason) {
 *     log.info("{} left: {}", socket.id(), reason);
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnDisconnect {

	/**
	 * The namespaces, overriding the bean's {@link SocketIONamespace}; empty takes the bean's, or {@code /}.
	 * @return namespace names
	 */
	String[] namespace() default {};

}
