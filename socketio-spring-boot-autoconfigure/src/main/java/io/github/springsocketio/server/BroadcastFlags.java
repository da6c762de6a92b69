package io.github.springsocketio.server;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The flags of a broadcast, as cluster messages carry them.
 *
 * @param isVolatile drop the packet for a recipient whose transport cannot take it right now; never store it for
 * recovery
 * @param compress the compression hint, {@code null} when not set
 * @param local stay on this node: do not forward to the cluster
 * @param timeout how long to wait for acknowledgements (broadcasts with acks, fetching sockets), {@code null} when
 * not set
 */
public record BroadcastFlags(boolean isVolatile, @Nullable Boolean compress, boolean local, @Nullable Duration timeout) {

	/** No flag set. */
	public static final BroadcastFlags NONE = new BroadcastFlags(false, null, false, null);

	BroadcastFlags withVolatile() {
		return new BroadcastFlags(true, this.compress, this.local, this.timeout);
	}

	BroadcastFlags withCompress(boolean compress) {
		return new BroadcastFlags(this.isVolatile, compress, this.local, this.timeout);
	}

	BroadcastFlags withLocal() {
		return new BroadcastFlags(this.isVolatile, this.compress, true, this.timeout);
	}

	BroadcastFlags withTimeout(Duration timeout) {
		return new BroadcastFlags(this.isVolatile, this.compress, this.local, timeout);
	}

}
