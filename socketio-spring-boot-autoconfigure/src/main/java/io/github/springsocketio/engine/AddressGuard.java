package io.github.springsocketio.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Enforces {@link AddressLimits}: counts each address's open sessions and meters its handshakes with a token bucket.
 * An address's state lives while it has a session open; once it has none it is kept only to remember its handshake
 * rate, and forgotten when there are more such idle addresses than {@link AddressLimits#trackedAddresses()} (the
 * fullest buckets, which remember nothing, first). Thread-safe: handshakes arrive on every event loop.
 */
final class AddressGuard {

	private final AddressLimits limits;

	private final LongSupplier clock;

	private final ConcurrentHashMap<String, State> addresses = new ConcurrentHashMap<>();

	/** The size past which the map is swept; doubled when a sweep finds mostly addresses with open sessions. */
	private volatile int sweepAt;

	/**
	 * @param limits the limits
	 * @param clock reads {@link System#nanoTime()}, or a test's time
	 */
	AddressGuard(AddressLimits limits, LongSupplier clock) {
		this.limits = limits;
		this.clock = clock;
		this.sweepAt = limits.trackedAddresses();
	}

	/**
	 * Lets a handshake from an address go ahead, or not.
	 * @param address the client's address, as {@link ClientAddresses} resolves it
	 * @return the limit that refuses it, or a permit to hand to the session it opens, to be released when the session
	 * ends (or if none opens)
	 */
	Admission admit(String address) {
		long now = this.clock.getAsLong();
		AddressLimit[] refused = new AddressLimit[1];
		this.addresses.compute(address, (key, existing) -> {
			State state = (existing != null) ? existing : new State(this.limits, now);
			if (state.handshakes != null && !state.handshakes.tryTake(now)) {
				refused[0] = AddressLimit.HANDSHAKES_PER_SECOND_PER_ADDRESS;
			}
			else if (this.limits.connectionsPerAddress() > 0 && state.open >= this.limits.connectionsPerAddress()) {
				refused[0] = AddressLimit.CONNECTIONS_PER_ADDRESS;
			}
			else {
				state.open++;
			}
			return state;
		});
		if (this.addresses.size() > this.sweepAt) {
			sweep(now);
		}
		return (refused[0] != null) ? new Admission(null, refused[0]) : new Admission(new Permit(this, address), null);
	}

	/** @return how many addresses are remembered */
	int size() {
		return this.addresses.size();
	}

	/** @return how many sessions an address has open, as counted */
	int open(String address) {
		State state = this.addresses.get(address);
		return (state != null) ? state.open : 0;
	}

	private void release(String address) {
		long now = this.clock.getAsLong();
		this.addresses.computeIfPresent(address, (key, state) -> {
			state.open--;
			return state.forgettable(now) ? null : state;
		});
	}

	/**
	 * Forgets idle addresses whose buckets are full, then, if there are still too many, every idle address. Runs when
	 * the map passed its sweep size; the next sweep waits until the map has doubled past what stayed, so that sweeps
	 * cost a constant per handshake on average.
	 */
	private synchronized void sweep(long now) {
		int max = this.limits.trackedAddresses();
		if (this.addresses.size() <= this.sweepAt) {
			return;
		}
		for (String address : this.addresses.keySet()) {
			this.addresses.computeIfPresent(address, (key, state) -> state.forgettable(now) ? null : state);
		}
		if (this.addresses.size() > max) {
			for (String address : this.addresses.keySet()) {
				this.addresses.computeIfPresent(address, (key, state) -> (state.open == 0) ? null : state);
			}
		}
		this.sweepAt = Math.max(max, 2 * this.addresses.size());
	}

	/** One address's count of open sessions and handshake bucket; guarded by the map's lock of its key. */
	private static final class State {

		int open;

		final @Nullable TokenBucket handshakes;

		State(AddressLimits limits, long now) {
			this.handshakes = (limits.handshakesPerSecond() > 0)
					? new TokenBucket(limits.handshakesPerSecond(), limits.handshakeBurst(), now) : null;
		}

		boolean forgettable(long now) {
			return this.open == 0 && (this.handshakes == null || this.handshakes.isFull(now));
		}

	}

	/** A session's place in its address's count; released once, however many times it is asked to be. */
	static final class Permit {

		static final Permit NONE = new Permit(null, "");

		private final @Nullable AddressGuard guard;

		private final String address;

		private final AtomicBoolean released = new AtomicBoolean();

		private volatile boolean held;

		private Permit(@Nullable AddressGuard guard, String address) {
			this.guard = guard;
			this.address = address;
		}

		/** A session owns it from now on, and releases it when it ends. */
		void hold() {
			this.held = true;
		}

		/** Releases it unless a session owns it: the handshake ended without opening one. */
		void releaseUnlessHeld() {
			if (!this.held) {
				release();
			}
		}

		void release() {
			if (this.guard != null && this.released.compareAndSet(false, true)) {
				this.guard.release(this.address);
			}
		}

	}

	/**
	 * What {@link #admit} decided.
	 * @param permit the permit of an admitted handshake, {@code null} if refused
	 * @param refusal the limit that refused it, {@code null} if admitted
	 */
	record Admission(@Nullable Permit permit, @Nullable AddressLimit refusal) {
	}

}
