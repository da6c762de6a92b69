package io.github.springsocketio.annotation;

import io.github.springsocketio.server.ConnectMiddleware;

/**
 * A connection middleware bean: runs when a client joins the namespaces named by the bean's
 * {@link SocketIONamespace} (on its class or its {@code @Bean} method; {@code /} without one), before the socket is
 * accepted, in {@code @Order}. Completing empty admits the client; failing with a
 * {@link io.github.springsocketio.server.ConnectionRefusedException} sends it a {@code connect_error} with that
 * message and data. Runs on the connection's event loop: do not block, return a {@code Mono} that does the I/O.
 *
 * <pre>{@code
 * @Component
 * @SocketIONamespace("/admin")
 * class AdminToken implements SocketIOConnectMiddleware {
 *
 *     public Mono<Void> apply(SocketIOSocket socket) {
 *         return "secret".equals(socket.handshake().auth("token")) ? Mono.empty()
 *                 : Mono.error(new ConnectionRefusedException("unauthorized", Map.of("reason", "invalid token")));
 *     }
 *
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SocketIOConnectMiddleware extends ConnectMiddleware {

}
