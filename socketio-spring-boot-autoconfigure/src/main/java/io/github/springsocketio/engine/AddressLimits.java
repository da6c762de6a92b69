package io.github.springsocketio.engine;

import java.util.List;

/**
 * Limits on what one client address may open, enforced at the Engine.IO handshake. A handshake past one is refused as
 * Node's {@code allowRequest} refuses it: {@code 403 {"code":4,"message":"…"}} on polling, a {@code 400} on a
 * WebSocket upgrade; sessions already open are not affected. None apply by default, as in the Node.js reference.
 *
 * <pre>{@code
 * AddressLimits limits = AddressLimits.builder()
 *         .connectionsPerAddress(100)
 *         .handshakesPerSecond(10).handshakeBurst(50)
 *         .trustedProxies(List.of("10.0.0.0/8"))
 *         .build();
 * }</pre>
 *
 * @param connectionsPerAddress how many sessions one address may have open at once, {@code 0} for no limit
 * @param handshakesPerSecond how many handshakes one address may make a second on average, {@code 0} for no limit
 * @param handshakeBurst how many handshakes one address may make at once before the average applies
 * @param trackedAddresses how many idle addresses are remembered; past it the idle ones are forgotten (the memory
 * these limits take is bounded by it and by the number of open sessions)
 * @param trustedProxies the proxies, as addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}), whose
 * {@code Forwarded} or {@code X-Forwarded-For} header names the client; a request from any other peer is counted
 * against the peer's own address
 */
public record AddressLimits(int connectionsPerAddress, int handshakesPerSecond, int handshakeBurst,
		int trackedAddresses, List<String> trustedProxies) {

	private static final AddressLimits NONE = new AddressLimits(0, 0, 1, 100_000, List.of());

	public AddressLimits {
		if (connectionsPerAddress < 0 || handshakesPerSecond < 0) {
			throw new IllegalArgumentException("connectionsPerAddress and handshakesPerSecond must be 0 (no limit) or "
					+ "positive, got " + connectionsPerAddress + " and " + handshakesPerSecond);
		}
		if (handshakeBurst < 1 || trackedAddresses < 1) {
			throw new IllegalArgumentException("handshakeBurst and trackedAddresses must be at least 1, got "
					+ handshakeBurst + " and " + trackedAddresses);
		}
		trustedProxies = List.copyOf(trustedProxies);
		ClientAddresses.parseTrusted(trustedProxies);
	}

	/** @return no limit, the default */
	public static AddressLimits none() {
		return NONE;
	}

	/** @return a builder starting from {@link #none()} */
	public static Builder builder() {
		return new Builder();
	}

	/** @return whether any limit applies, so that addresses must be resolved and counted */
	public boolean enabled() {
		return this.connectionsPerAddress > 0 || this.handshakesPerSecond > 0;
	}

	/** Builds {@link AddressLimits}; each setter's default is that of {@link #none()}. */
	public static final class Builder {

		private int connectionsPerAddress = NONE.connectionsPerAddress;

		private int handshakesPerSecond = NONE.handshakesPerSecond;

		private int handshakeBurst = NONE.handshakeBurst;

		private int trackedAddresses = NONE.trackedAddresses;

		private List<String> trustedProxies = NONE.trustedProxies;

		private Builder() {
		}

		public Builder connectionsPerAddress(int connectionsPerAddress) {
			this.connectionsPerAddress = connectionsPerAddress;
			return this;
		}

		public Builder handshakesPerSecond(int handshakesPerSecond) {
			this.handshakesPerSecond = handshakesPerSecond;
			return this;
		}

		public Builder handshakeBurst(int handshakeBurst) {
			this.handshakeBurst = handshakeBurst;
			return this;
		}

		public Builder trackedAddresses(int trackedAddresses) {
			this.trackedAddresses = trackedAddresses;
			return this;
		}

		public Builder trustedProxies(List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
			return this;
		}

		public AddressLimits build() {
			return new AddressLimits(this.connectionsPerAddress, this.handshakesPerSecond, this.handshakeBurst,
					this.trackedAddresses, this.trustedProxies);
		}

	}

}
