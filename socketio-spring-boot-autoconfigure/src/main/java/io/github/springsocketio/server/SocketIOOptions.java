package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Objects;

import io.github.springsocketio.protocol.PacketDecoder;
import org.jspecify.annotations.Nullable;

/**
 * How the Socket.IO layer behaves. Defaults are those of the Node.js reference server.
 *
 * @param connectTimeout how long a new connection may take to join a namespace before it is closed (default 45 s)
 * @param maxAttachments the most binary attachments one packet may announce (default 10)
 * @param recovery connection state recovery, {@code null} when off (the default)
 * @param limits the limits on what one client can make the server hold
 */
public record SocketIOOptions(Duration connectTimeout, int maxAttachments,
		@Nullable ConnectionStateRecoveryOptions recovery, SocketIOLimits limits) {

	public SocketIOOptions {
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(limits, "limits");
		if (connectTimeout.isNegative() || connectTimeout.isZero()) {
			throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
		}
		if (maxAttachments < 1) {
			throw new IllegalArgumentException("maxAttachments must be at least 1, got " + maxAttachments);
		}
	}

	/**
	 * Options with the default limits.
	 * @param connectTimeout how long a new connection may take to join a namespace
	 * @param maxAttachments the most binary attachments one packet may announce
	 * @param recovery connection state recovery, {@code null} when off
	 */
	public SocketIOOptions(Duration connectTimeout, int maxAttachments,
			@Nullable ConnectionStateRecoveryOptions recovery) {
		this(connectTimeout, maxAttachments, recovery, SocketIOLimits.defaults());
	}

	/** @return the defaults: 45 s connect timeout, 10 attachments, no recovery, the default limits */
	public static SocketIOOptions defaults() {
		return new SocketIOOptions(Duration.ofSeconds(45), PacketDecoder.DEFAULT_MAX_ATTACHMENTS, null);
	}

	/**
	 * These options with other limits.
	 * @param limits the limits
	 * @return new options
	 */
	public SocketIOOptions withLimits(SocketIOLimits limits) {
		return new SocketIOOptions(this.connectTimeout, this.maxAttachments, this.recovery, limits);
	}

	/**
	 * These options with connection state recovery set.
	 * @param recovery the recovery settings, {@code null} to turn it off
	 * @return new options
	 */
	public SocketIOOptions withRecovery(@Nullable ConnectionStateRecoveryOptions recovery) {
		return new SocketIOOptions(this.connectTimeout, this.maxAttachments, recovery, this.limits);
	}

	/**
	 * These options with another connect timeout.
	 * @param connectTimeout the timeout
	 * @return new options
	 */
	public SocketIOOptions withConnectTimeout(Duration connectTimeout) {
		return new SocketIOOptions(connectTimeout, this.maxAttachments, this.recovery, this.limits);
	}

}
