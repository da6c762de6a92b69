package io.github.springsocketio.admin;

import java.time.Duration;
import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Keeps the Admin UI's session ids in Redis, shared by every node of a cluster: the {@code RedisStore} of
 * {@code @socket.io/admin-ui} 0.5, with its keys ({@code <prefix>#<sessionId>}, {@code socket.io-admin#...} by
 * default), its value ({@code true}) and its expiry (in whole seconds, a day by default), so that Java and Node.js
 * nodes of one cluster honour each other's sessions. Needs Spring Data Redis.
 *
 * <pre>{@code AdminUiOptions.builder()
 *     .sessionStore(new RedisAdminSessionStore(connectionFactory, RedisAdminSessionStore.DEFAULT_PREFIX,
 *         Duration.ofDays(1)))}</pre>
 */
public final class RedisAdminSessionStore implements AdminSessionStore {

	/** The key prefix of the Node.js package. */
	public static final String DEFAULT_PREFIX = "socket.io-admin";

	/** A sign-in or reconnect waits at most this long for Redis; then the password is asked for. */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	private final Duration duration;

	/**
	 * @param connectionFactory the Redis the nodes share
	 * @param prefix the keys' prefix, {@link #DEFAULT_PREFIX} as in Node.js
	 * @param duration how long a session id is honoured; Redis counts it in whole seconds, at least one
	 */
	public RedisAdminSessionStore(ReactiveRedisConnectionFactory connectionFactory, String prefix,
			Duration duration) {
		this.redis = new ReactiveStringRedisTemplate(connectionFactory);
		this.prefix = Objects.requireNonNull(prefix, "prefix");
		this.duration = Duration.ofSeconds(Math.max(1, duration.toSeconds()));
	}

	@Override
	public Mono<Void> save(String sessionId) {
		// SET with EX: the one-step equivalent of Node's MULTI SET, EXPIRE
		return this.redis.opsForValue().set(key(sessionId), "true", this.duration).timeout(TIMEOUT).then();
	}

	@Override
	public Mono<Boolean> exists(String sessionId) {
		return this.redis.hasKey(key(sessionId)).timeout(TIMEOUT).defaultIfEmpty(false);
	}

	/** @return the key of a session id, as Node's {@code computeKey} makes it */
	String key(String sessionId) {
		return this.prefix + "#" + sessionId;
	}

}
