package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the Redis Streams adapter, with the defaults of the Node.js {@code @socket.io/redis-streams-adapter}.
 *
 * <pre>{@code
 * RedisStreamsAdapterOptions options = RedisStreamsAdapterOptions.builder().streamName("chat").build();
 * }</pre>
 *
 * @param streamName the stream key, or prefix of the keys when {@code streamCount > 1} (default {@code socket.io})
 * @param streamCount how many streams the namespaces are spread over (default 1)
 * @param channelPrefix the prefix of the PUB/SUB channels (default {@code socket.io})
 * @param maxLength the approximate most entries a stream keeps ({@code XADD MAXLEN ~}, default 10000)
 * @param readCount the most entries one {@code XREAD} returns (default 100)
 * @param blockTime how long one {@code XREAD} blocks (default 5 s)
 * @param sessionKeyPrefix the prefix of the keys of recovery sessions (default {@code sio:session:})
 * @param requestTimeout how long requests to other nodes and commands wait when Redis does not answer (default 5 s)
 * @param onlyPlaintext never use MessagePack in stream entries (default false)
 * @param crashSafeRecovery keep the recovery state of each socket in Redis while it is connected, so that its client
 * recovers on another node even when this node dies without closing it (default true; used only when connection
 * state recovery is on)
 * @param maxConcurrentRecoveries how many session recoveries this node runs at once (default 500)
 * @param maxQueuedRecoveries how many session recoveries wait for their turn at most; a client arriving past that
 * gets a new session (default 10000)
 */
public record RedisStreamsAdapterOptions(String streamName, int streamCount, String channelPrefix, long maxLength,
		int readCount, Duration blockTime, String sessionKeyPrefix, Duration requestTimeout, boolean onlyPlaintext,
		boolean crashSafeRecovery, int maxConcurrentRecoveries, int maxQueuedRecoveries) {

	/** The default stream key, as the Node.js adapter's. */
	public static final String DEFAULT_STREAM_NAME = "socket.io";

	/** The default number of streams. */
	public static final int DEFAULT_STREAM_COUNT = 1;

	/** The default prefix of the PUB/SUB channels, as the Node.js adapter's. */
	public static final String DEFAULT_CHANNEL_PREFIX = "socket.io";

	/** The default approximate most entries a stream keeps. */
	public static final long DEFAULT_MAX_LENGTH = 10_000;

	/** The default most entries one {@code XREAD} returns. */
	public static final int DEFAULT_READ_COUNT = 100;

	/** The default time one {@code XREAD} blocks. */
	public static final Duration DEFAULT_BLOCK_TIME = Duration.ofSeconds(5);

	/** The default prefix of the keys of recovery sessions, as the Node.js adapter's. */
	public static final String DEFAULT_SESSION_KEY_PREFIX = "sio:session:";

	/** The default time requests to other nodes and commands wait. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

	/** The default number of session recoveries a node runs at once. */
	public static final int DEFAULT_MAX_CONCURRENT_RECOVERIES = 500;

	/** The default number of session recoveries that wait for their turn at most. */
	public static final int DEFAULT_MAX_QUEUED_RECOVERIES = 10_000;

	public RedisStreamsAdapterOptions {
		Objects.requireNonNull(streamName, "streamName");
		Objects.requireNonNull(channelPrefix, "channelPrefix");
		Objects.requireNonNull(sessionKeyPrefix, "sessionKeyPrefix");
		if (streamCount < 1) {
			throw new IllegalArgumentException("streamCount must be at least 1, got " + streamCount);
		}
		if (maxLength < 1 || readCount < 1) {
			throw new IllegalArgumentException("maxLength and readCount must be positive");
		}
		if (blockTime.isNegative() || blockTime.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
			throw new IllegalArgumentException("blockTime and requestTimeout must be positive");
		}
		if (maxConcurrentRecoveries < 1 || maxQueuedRecoveries < 0) {
			throw new IllegalArgumentException("maxConcurrentRecoveries must be positive and maxQueuedRecoveries not "
					+ "negative, got " + maxConcurrentRecoveries + " and " + maxQueuedRecoveries);
		}
	}

	/**
	 * The stream a namespace's messages go to: as the Node.js adapter computes it, so both pick the same one.
	 * @param namespace the namespace
	 * @return the stream key
	 */
	public String streamFor(String namespace) {
		if (this.streamCount == 1) {
			return this.streamName;
		}
		// JavaScript's string hash with 32-bit overflow is Java's String.hashCode, and % keeps the sign alike
		return this.streamName + "-" + (namespace.hashCode() % this.streamCount);
	}

	/** @return a builder holding the defaults */
	public static Builder builder() {
		return new Builder();
	}

	/** Builds {@link RedisStreamsAdapterOptions}. */
	public static final class Builder {

		private String streamName = DEFAULT_STREAM_NAME;

		private int streamCount = DEFAULT_STREAM_COUNT;

		private String channelPrefix = DEFAULT_CHANNEL_PREFIX;

		private long maxLength = DEFAULT_MAX_LENGTH;

		private int readCount = DEFAULT_READ_COUNT;

		private Duration blockTime = DEFAULT_BLOCK_TIME;

		private String sessionKeyPrefix = DEFAULT_SESSION_KEY_PREFIX;

		private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

		private boolean onlyPlaintext;

		private boolean crashSafeRecovery = true;

		private int maxConcurrentRecoveries = DEFAULT_MAX_CONCURRENT_RECOVERIES;

		private int maxQueuedRecoveries = DEFAULT_MAX_QUEUED_RECOVERIES;

		private Builder() {
		}

		public Builder streamName(String streamName) {
			this.streamName = streamName;
			return this;
		}

		public Builder streamCount(int streamCount) {
			this.streamCount = streamCount;
			return this;
		}

		public Builder channelPrefix(String channelPrefix) {
			this.channelPrefix = channelPrefix;
			return this;
		}

		public Builder maxLength(long maxLength) {
			this.maxLength = maxLength;
			return this;
		}

		public Builder readCount(int readCount) {
			this.readCount = readCount;
			return this;
		}

		public Builder blockTime(Duration blockTime) {
			this.blockTime = blockTime;
			return this;
		}

		public Builder sessionKeyPrefix(String sessionKeyPrefix) {
			this.sessionKeyPrefix = sessionKeyPrefix;
			return this;
		}

		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
			return this;
		}

		public Builder onlyPlaintext(boolean onlyPlaintext) {
			this.onlyPlaintext = onlyPlaintext;
			return this;
		}

		public Builder crashSafeRecovery(boolean crashSafeRecovery) {
			this.crashSafeRecovery = crashSafeRecovery;
			return this;
		}

		public Builder maxConcurrentRecoveries(int maxConcurrentRecoveries) {
			this.maxConcurrentRecoveries = maxConcurrentRecoveries;
			return this;
		}

		public Builder maxQueuedRecoveries(int maxQueuedRecoveries) {
			this.maxQueuedRecoveries = maxQueuedRecoveries;
			return this;
		}

		public RedisStreamsAdapterOptions build() {
			return new RedisStreamsAdapterOptions(this.streamName, this.streamCount, this.channelPrefix,
					this.maxLength, this.readCount, this.blockTime, this.sessionKeyPrefix, this.requestTimeout,
					this.onlyPlaintext, this.crashSafeRecovery, this.maxConcurrentRecoveries, this.maxQueuedRecoveries);
		}

	}

}
