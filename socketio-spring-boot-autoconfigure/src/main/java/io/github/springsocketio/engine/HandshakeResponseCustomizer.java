package io.github.springsocketio.engine;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * Adds headers to the response that opens a session (the polling handshake, or the {@code 101} of a WebSocket
 * handshake or upgrade): Node's {@code initial_headers} hook. The sticky node cookie is one.
 *
 * <pre>{@code
 * HandshakeResponseCustomizer node = (request, transport, headers) ->
 *         headers.add(HttpHeaderNames.SET_COOKIE, "SIONODE=node-a; Path=/; HttpOnly; SameSite=Lax");
 * }</pre>
 */
@FunctionalInterface
public interface HandshakeResponseCustomizer {

	/**
	 * @param request the request
	 * @param transport the transport of the response
	 * @param headers the response headers, to add to
	 */
	void customize(HandshakeRequest request, Transport transport, HttpHeaders headers);

}
