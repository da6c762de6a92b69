package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the Redis PUB/SUB adapter, with the defaults of the Node.js {@code @socket.io/redis-adapter} 8
 * ({@code createAdapter}).
 *
 * <pre>{@code
 * RedisAdapterOptions options = RedisAdapterOptions.builder().key("chat").build();
 * }</pre>
 *
 * @param key the prefix of every channel (default {@code socket.io}), Node's {@code key}
 * @param requestTimeout how long requests to other nodes and Redis commands wait (default 5 s), Node's
 * {@code requestsTimeout}
 * @param publishOnSpecificResponseChannel whether responses go to the requesting node's own channel rather than the
 * namespace's shared response channel (default false), as Node's option of that name
 */
public record RedisAdapterOptions(String key, Duration requestTimeout, boolean publishOnSpecificResponseChannel) {

	/** The default channel prefix, as the Node.js adapter's. */
	public static final String DEFAULT_KEY = "socket.io";

	/** The default time requests to other nodes and commands wait, as the Node.js adapter's. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

	public RedisAdapterOptions {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(requestTimeout, "requestTimeout");
		if (key.isEmpty()) {
			throw new IllegalArgumentException("key must not be empty");
		}
		if (requestTimeout.isNegative() || requestTimeout.isZero()) {
			throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
		}
	}

	/** @return a builder holding the defaults */
	public static Builder builder() {
		return new Builder();
	}

	/** Builds {@link RedisAdapterOptions}. */
	public static final class Builder {

		private String key = DEFAULT_KEY;

		private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

		private boolean publishOnSpecificResponseChannel;

		private Builder() {
		}

		/**
		 * @param key the prefix of every channel
		 * @return this builder
		 */
		public Builder key(String key) {
			this.key = key;
			return this;
		}

		/**
		 * @param requestTimeout how long requests and commands wait
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
			return this;
		}

		/**
		 * @param publishOnSpecificResponseChannel whether responses go to the requester's own channel
		 * @return this builder
		 */
		public Builder publishOnSpecificResponseChannel(boolean publishOnSpecificResponseChannel) {
			this.publishOnSpecificResponseChannel = publishOnSpecificResponseChannel;
			return this;
		}

		/** @return the options */
		public RedisAdapterOptions build() {
			return new RedisAdapterOptions(this.key, this.requestTimeout, this.publishOnSpecificResponseChannel);
		}

	}

}
