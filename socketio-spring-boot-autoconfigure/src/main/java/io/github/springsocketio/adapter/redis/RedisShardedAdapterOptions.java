package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the sharded Redis PUB/SUB adapter, with the defaults of the Node.js {@code @socket.io/redis-adapter} 8
 * ({@code createShardedAdapter}).
 *
 * <pre>{@code
 * RedisShardedAdapterOptions options = RedisShardedAdapterOptions.builder()
 *         .subscriptionMode(ShardedSubscriptionMode.DYNAMIC_PRIVATE)
 *         .build();
 * }</pre>
 *
 * @param channelPrefix the prefix of every channel (default {@code socket.io}), Node's {@code channelPrefix}
 * @param subscriptionMode which rooms get a channel of their own (default {@code dynamic}), Node's
 * {@code subscriptionMode}
 * @param requestTimeout how long requests to other nodes and Redis commands wait (default 5 s; fixed in Node)
 */
public record RedisShardedAdapterOptions(String channelPrefix, ShardedSubscriptionMode subscriptionMode,
		Duration requestTimeout) {

	/** The default channel prefix, as the Node.js adapter's. */
	public static final String DEFAULT_CHANNEL_PREFIX = "socket.io";

	/** The default subscription mode, as the Node.js adapter's. */
	public static final ShardedSubscriptionMode DEFAULT_SUBSCRIPTION_MODE = ShardedSubscriptionMode.DYNAMIC;

	/** The default time requests to other nodes and commands wait, as the Node.js adapter's. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

	public RedisShardedAdapterOptions {
		Objects.requireNonNull(channelPrefix, "channelPrefix");
		Objects.requireNonNull(subscriptionMode, "subscriptionMode");
		Objects.requireNonNull(requestTimeout, "requestTimeout");
		if (channelPrefix.isEmpty()) {
			throw new IllegalArgumentException("channelPrefix must not be empty");
		}
		if (requestTimeout.isNegative() || requestTimeout.isZero()) {
			throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
		}
	}

	/** @return a builder holding the defaults */
	public static Builder builder() {
		return new Builder();
	}

	/** Builds {@link RedisShardedAdapterOptions}. */
	public static final class Builder {

		private String channelPrefix = DEFAULT_CHANNEL_PREFIX;

		private ShardedSubscriptionMode subscriptionMode = DEFAULT_SUBSCRIPTION_MODE;

		private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

		private Builder() {
		}

		/**
		 * @param channelPrefix the prefix of every channel
		 * @return this builder
		 */
		public Builder channelPrefix(String channelPrefix) {
			this.channelPrefix = channelPrefix;
			return this;
		}

		/**
		 * @param subscriptionMode which rooms get a channel of their own
		 * @return this builder
		 */
		public Builder subscriptionMode(ShardedSubscriptionMode subscriptionMode) {
			this.subscriptionMode = subscriptionMode;
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

		/** @return the options */
		public RedisShardedAdapterOptions build() {
			return new RedisShardedAdapterOptions(this.channelPrefix, this.subscriptionMode, this.requestTimeout);
		}

	}

}
