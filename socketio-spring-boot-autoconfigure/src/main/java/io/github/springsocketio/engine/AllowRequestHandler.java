package io.github.springsocketio.engine;

import reactor.core.publisher.Mono;

/**
 * Decides whether a handshake may open a session: Node's {@code allowRequest}. A refusal is answered with
 * {@code 403 {"code":4,"message":"Forbidden"}} (or the given message).
 *
 * <pre>{@code
 * AllowRequestHandler originCheck = request -> Mono.just(
 *         "https://chat.example.com".equals(request.header("origin"))
 *                 ? AllowRequestDecision.allow()
 *                 : AllowRequestDecision.deny("origin not allowed"));
 * }</pre>
 */
@FunctionalInterface
public interface AllowRequestHandler {

	/**
	 * Decides on one handshake. Must not block; an error or an empty result refuses the handshake.
	 * @param request the handshake request
	 * @return the decision
	 */
	Mono<AllowRequestDecision> allow(HandshakeRequest request);

}
