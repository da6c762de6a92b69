package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How an {@link EngineIoServer} behaves. Defaults are those of the Node.js reference server.
 *
 * <pre>{@code
 * EngineIoOptions options = EngineIoOptions.builder()
 *         .path("/engine.io/")
 *         .pingInterval(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 *
 * @param path the path prefix served, with a leading and a trailing slash (default {@code /socket.io/})
 * @param pingInterval time between two server pings (default 25 s)
 * @param pingTimeout how long to wait for the pong before closing (default 20 s)
 * @param upgradeTimeout how long an upgrade from polling to WebSocket may take (default 10 s)
 * @param maxHttpBufferSize the largest message or polling request body accepted, in bytes (default 1,000,000)
 * @param transports the transports allowed (default both)
 * @param allowUpgrades whether polling sessions may upgrade to WebSocket (default true)
 * @param cors CORS handling of polling requests, {@code null} for none (the default)
 * @param cookie the cookie set on the polling handshake, {@code null} for none (the default)
 * @param allowRequest a hook that may refuse handshakes, {@code null} for none
 * @param maxBufferedBytes how many bytes may wait to be sent to one client before it is closed as too slow (default
 * 16 MiB)
 * @param handshakeCustomizers what adds headers to the responses that open sessions (e.g. the sticky node cookie)
 * @param memoryBudget how many bytes all sessions together may hold in buffers before the server sheds load (default
 * half the maximum heap, see {@link MemoryBudget})
 * @param addressLimits limits on the sessions and handshakes of one client address (default none)
 * @param httpCompression gzip or deflate of polling responses for clients that accept it, {@code null} for none
 * (default on, threshold 1024 bytes, as the reference's {@code httpCompression})
 * @param perMessageDeflate the WebSocket permessage-deflate extension for clients that offer it, {@code null} for
 * none (the default, as the reference's {@code perMessageDeflate})
 * @param allowEio3 whether Engine.IO v3 clients (Socket.IO 2.x) are served beside v4 ones (default false, as the
 * reference's {@code allowEIO3})
 */
public record EngineIoOptions(String path, Duration pingInterval, Duration pingTimeout, Duration upgradeTimeout,
		long maxHttpBufferSize, Set<Transport> transports, boolean allowUpgrades, @Nullable CorsOptions cors,
		@Nullable CookieOptions cookie, @Nullable AllowRequestHandler allowRequest, long maxBufferedBytes,
		List<HandshakeResponseCustomizer> handshakeCustomizers, long memoryBudget, AddressLimits addressLimits,
		@Nullable CompressionOptions httpCompression, @Nullable CompressionOptions perMessageDeflate,
		boolean allowEio3) {

	/** The default path, as in Socket.IO. */
	public static final String DEFAULT_PATH = "/socket.io/";

	public EngineIoOptions {
		Objects.requireNonNull(path, "path");
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("The path must start with '/', got '" + path + "'");
		}
		path = path.endsWith("/") ? path : path + "/";
		requirePositive("pingInterval", pingInterval);
		requirePositive("pingTimeout", pingTimeout);
		requirePositive("upgradeTimeout", upgradeTimeout);
		if (maxHttpBufferSize <= 0 || maxHttpBufferSize > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"maxHttpBufferSize must be between 1 byte and 2 GiB, got " + maxHttpBufferSize);
		}
		if (maxBufferedBytes <= 0) {
			throw new IllegalArgumentException("maxBufferedBytes must be positive, got " + maxBufferedBytes);
		}
		if (transports.isEmpty()) {
			throw new IllegalArgumentException("At least one transport must be allowed");
		}
		if (memoryBudget <= 0) {
			throw new IllegalArgumentException("memoryBudget must be positive, got " + memoryBudget);
		}
		Objects.requireNonNull(addressLimits, "addressLimits");
		transports = Set.copyOf(transports);
		handshakeCustomizers = List.copyOf(handshakeCustomizers);
	}

	private static void requirePositive(String name, Duration value) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, got " + value);
		}
	}

	/** @return a builder holding the defaults */
	public static Builder builder() {
		return new Builder();
	}

	/** @return a builder holding these options */
	public Builder toBuilder() {
		return new Builder().path(this.path)
			.pingInterval(this.pingInterval)
			.pingTimeout(this.pingTimeout)
			.upgradeTimeout(this.upgradeTimeout)
			.maxHttpBufferSize(this.maxHttpBufferSize)
			.transports(this.transports)
			.allowUpgrades(this.allowUpgrades)
			.cors(this.cors)
			.cookie(this.cookie)
			.allowRequest(this.allowRequest)
			.maxBufferedBytes(this.maxBufferedBytes)
			.handshakeCustomizers(this.handshakeCustomizers)
			.memoryBudget(this.memoryBudget)
			.addressLimits(this.addressLimits)
			.httpCompression(this.httpCompression)
			.perMessageDeflate(this.perMessageDeflate)
			.allowEio3(this.allowEio3);
	}

	/** Builds {@link EngineIoOptions}; starts from the defaults. */
	public static final class Builder {

		private String path = DEFAULT_PATH;

		private Duration pingInterval = Duration.ofSeconds(25);

		private Duration pingTimeout = Duration.ofSeconds(20);

		private Duration upgradeTimeout = Duration.ofSeconds(10);

		private long maxHttpBufferSize = 1_000_000;

		private Set<Transport> transports = EnumSet.allOf(Transport.class);

		private boolean allowEio3;

		private boolean allowUpgrades = true;

		private @Nullable CorsOptions cors;

		private @Nullable CookieOptions cookie;

		private @Nullable AllowRequestHandler allowRequest;

		private long maxBufferedBytes = 16 * 1024 * 1024;

		private List<HandshakeResponseCustomizer> handshakeCustomizers = new ArrayList<>();

		private long memoryBudget = MemoryBudget.defaultLimit();

		private AddressLimits addressLimits = AddressLimits.none();

		private @Nullable CompressionOptions httpCompression = CompressionOptions.DEFAULT;

		private @Nullable CompressionOptions perMessageDeflate;

		private Builder() {
		}

		public Builder path(String path) {
			this.path = path;
			return this;
		}

		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
			return this;
		}

		public Builder pingTimeout(Duration pingTimeout) {
			this.pingTimeout = pingTimeout;
			return this;
		}

		public Builder upgradeTimeout(Duration upgradeTimeout) {
			this.upgradeTimeout = upgradeTimeout;
			return this;
		}

		public Builder maxHttpBufferSize(long maxHttpBufferSize) {
			this.maxHttpBufferSize = maxHttpBufferSize;
			return this;
		}

		public Builder transports(Set<Transport> transports) {
			this.transports = transports.isEmpty() ? EnumSet.noneOf(Transport.class) : EnumSet.copyOf(transports);
			return this;
		}

		public Builder allowUpgrades(boolean allowUpgrades) {
			this.allowUpgrades = allowUpgrades;
			return this;
		}

		public Builder cors(@Nullable CorsOptions cors) {
			this.cors = cors;
			return this;
		}

		public Builder cookie(@Nullable CookieOptions cookie) {
			this.cookie = cookie;
			return this;
		}

		public Builder allowRequest(@Nullable AllowRequestHandler allowRequest) {
			this.allowRequest = allowRequest;
			return this;
		}

		public Builder maxBufferedBytes(long maxBufferedBytes) {
			this.maxBufferedBytes = maxBufferedBytes;
			return this;
		}

		public Builder handshakeCustomizers(List<HandshakeResponseCustomizer> handshakeCustomizers) {
			this.handshakeCustomizers = new ArrayList<>(handshakeCustomizers);
			return this;
		}

		public Builder memoryBudget(long memoryBudget) {
			this.memoryBudget = memoryBudget;
			return this;
		}

		public Builder addressLimits(AddressLimits addressLimits) {
			this.addressLimits = addressLimits;
			return this;
		}

		public Builder httpCompression(@Nullable CompressionOptions httpCompression) {
			this.httpCompression = httpCompression;
			return this;
		}

		public Builder perMessageDeflate(@Nullable CompressionOptions perMessageDeflate) {
			this.perMessageDeflate = perMessageDeflate;
			return this;
		}

		/**
		 * Serves Engine.IO v3 clients (Socket.IO 2.x, {@code EIO=3} or no {@code EIO}) beside v4 ones; when off they
		 * are refused with error 5, {@code Unsupported protocol version}.
		 * @param allowEio3 whether to serve them
		 * @return this builder
		 */
		public Builder allowEio3(boolean allowEio3) {
			this.allowEio3 = allowEio3;
			return this;
		}

		/**
		 * Adds headers to the responses that open sessions.
		 * @param customizer the customizer
		 * @return this builder
		 */
		public Builder handshakeCustomizer(HandshakeResponseCustomizer customizer) {
			this.handshakeCustomizers.add(customizer);
			return this;
		}

		public EngineIoOptions build() {
			return new EngineIoOptions(this.path, this.pingInterval, this.pingTimeout, this.upgradeTimeout,
					this.maxHttpBufferSize, this.transports, this.allowUpgrades, this.cors, this.cookie,
					this.allowRequest, this.maxBufferedBytes, this.handshakeCustomizers, this.memoryBudget,
					this.addressLimits, this.httpCompression, this.perMessageDeflate, this.allowEio3);
		}

	}

}
