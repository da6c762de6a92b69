package io.github.springsocketio.admin;

import reactor.core.publisher.Mono;

/**
 * Keeps the session ids handed to dashboards signed in by password, so that a dashboard reconnecting with one is let
 * in without it: the {@code store} option of {@code @socket.io/admin-ui}. The default keeps them in the memory of
 * each node; {@link RedisAdminSessionStore} shares them between the nodes of a cluster, Node.js ones included, so
 * that a dashboard that reconnects to another node stays signed in.
 */
public interface AdminSessionStore {

	/**
	 * Keeps a new session id for the store's session duration.
	 * @param sessionId the id, 16 hex digits
	 * @return completes once the id is kept
	 */
	Mono<Void> save(String sessionId);

	/**
	 * @param sessionId an id a dashboard presented
	 * @return whether the id was saved and has not expired
	 */
	Mono<Boolean> exists(String sessionId);

}
