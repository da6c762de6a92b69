package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a socket has joined a namespace (after the connection middlewares accepted it), before any of its events
 * is handled. Parameters: the socket, the namespace, the handshake, {@link Auth @Auth}. Returns {@code void},
 * {@code Mono<Void>} or {@code CompletionStage<Void>}; to refuse a connection, use a
 * {@link SocketIOConnectMiddleware} instead.
 *
 * <pre>{@code
 * @OnConnect
 * void welcome(SocketIOSocket socket, @Auth("name") String name) {
 *     socket.join("lobby");
 *     socket.to("lobby").emit("user joined", name);
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnConnect {

	/**
	 * The namespaces, overriding the bean's {@link SocketIONamespace}; empty takes the bean's, or {@code /}.
	 * @return namespace names
	 */
	String[] namespace() default {};

}
