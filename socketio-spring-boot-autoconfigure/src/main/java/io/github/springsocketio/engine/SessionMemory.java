package io.github.springsocketio.engine;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.LongSupplier;

/**
 * The bytes one session holds, counted into the endpoint's {@link MemoryBudget}: what the endpoint weighs when it
 * picks the sessions to close. Safe to use from any thread, without lock or allocation; once closed, it has given
 * back all it held and counts nothing more.
 */
final class SessionMemory {

	private static final long CLOSED = Long.MIN_VALUE;

	private final MemoryBudget budget;

	// Field updaters rather than two AtomicLongs: a server holds one of these per connection.
	private static final AtomicLongFieldUpdater<SessionMemory> HELD = AtomicLongFieldUpdater
		.newUpdater(SessionMemory.class, "held");

	private static final AtomicLongFieldUpdater<SessionMemory> TRANSPORT_BYTES = AtomicLongFieldUpdater
		.newUpdater(SessionMemory.class, "transportBytes");

	private volatile long held;

	/** The transport's own bytes as last seen, part of {@link #held}. */
	private volatile long transportBytes;

	private final LongSupplier transport;

	private final Runnable close;

	private volatile boolean shed;

	/**
	 * @param budget the endpoint's budget
	 * @param transport reads the bytes the transport holds besides (written, not yet handed to the socket)
	 * @param close closes the session to shed load
	 */
	SessionMemory(MemoryBudget budget, LongSupplier transport, Runnable close) {
		this.budget = budget;
		this.transport = transport;
		this.close = close;
	}

	/**
	 * Counts bytes taken (positive) or let go (negative); nothing once closed.
	 * @param change the change, in bytes
	 */
	void add(long change) {
		if (change == 0) {
			return;
		}
		long current;
		do {
			current = this.held;
			if (current == CLOSED) {
				return;
			}
		}
		while (!HELD.compareAndSet(this, current, current + change));
		this.budget.add(change);
	}

	/** Reads again the bytes the transport holds, and counts the difference. */
	void sampleTransport() {
		long now = this.transport.getAsLong();
		add(now - TRANSPORT_BYTES.getAndSet(this, now));
	}

	/** @return the bytes held now, 0 once closed */
	long held() {
		long held = this.held;
		return (held == CLOSED) ? 0 : held;
	}

	/** @return whether the session was picked to be closed to shed load */
	boolean isShed() {
		return this.shed;
	}

	/** Closes the session to shed load. */
	void shed() {
		this.shed = true;
		this.close.run();
	}

	/** Gives back everything held: the session has ended. */
	void close() {
		long left = HELD.getAndSet(this, CLOSED);
		if (left != CLOSED && left != 0) {
			this.budget.add(-left);
		}
	}

}
