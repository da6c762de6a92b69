package io.github.springsocketio.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes that all the sessions of one endpoint hold in buffers against one budget, and says when the
 * endpoint must shed load: from the moment the count passes the budget until it is back under the low-water mark.
 *
 * <p>Counted: what waits to be sent to each client (the slow-client count), polling request bodies and WebSocket
 * messages received but not yet handled, and binary packets waiting for the rest of their attachments. Safe to use
 * from any thread; counting is one atomic add, without lock or allocation.
 */
public final class MemoryBudget {

	/** The low-water mark, in percent of the budget: shedding stops once the count is back under it. */
	public static final int LOW_WATER_PERCENT = 75;

	/** How often a count still over the budget may ask for more sessions to be closed. */
	private static final long SHED_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private final AtomicLong used = new AtomicLong();

	private final long limit;

	private final long lowWater;

	private final AtomicLong lastShed = new AtomicLong(System.nanoTime() - SHED_INTERVAL_NANOS);

	private volatile boolean shedding;

	private final AtomicLong shedSessions = new AtomicLong();

	private volatile Runnable shed = () -> {
	};

	/**
	 * @param limit the budget, in bytes
	 */
	MemoryBudget(long limit) {
		this.limit = limit;
		this.lowWater = limit / 100 * LOW_WATER_PERCENT;
	}

	/**
	 * The default budget: half of the most heap the JVM may use ({@code -Xmx}).
	 * @return the default, in bytes
	 */
	public static long defaultLimit() {
		return Runtime.getRuntime().maxMemory() / 2;
	}

	/** @return the bytes held now */
	public long used() {
		return this.used.get();
	}

	/** @return the budget, in bytes */
	public long limit() {
		return this.limit;
	}

	/** @return the count under which shedding stops, in bytes */
	public long lowWater() {
		return this.lowWater;
	}

	/**
	 * Whether the endpoint sheds load: it refuses new sessions and closes those holding the most.
	 * @return true from the moment the count passed the budget until it is back under the low-water mark
	 */
	public boolean isShedding() {
		return this.shedding;
	}

	/** @return how many sessions were closed to shed load so far */
	public long shedSessions() {
		return this.shedSessions.get();
	}

	void countShed(int sessions) {
		this.shedSessions.addAndGet(sessions);
	}

	/** Sets what closes sessions when the count passes the budget; it runs on the thread that passed it. */
	void onOverBudget(Runnable shed) {
		this.shed = shed;
	}

	/**
	 * Counts bytes taken (positive) or let go (negative). Past the budget, and while still over the low-water mark,
	 * asks for sessions to be closed, at most once every 250 ms.
	 * @param change the change, in bytes
	 */
	void add(long change) {
		long now = this.used.addAndGet(change);
		if (change > 0) {
			if (now > this.limit || (this.shedding && now > this.lowWater)) {
				overBudget();
			}
		}
		else if (this.shedding && now <= this.lowWater) {
			this.shedding = false;
		}
	}

	private void overBudget() {
		this.shedding = true;
		long now = System.nanoTime();
		long last = this.lastShed.get();
		if (now - last >= SHED_INTERVAL_NANOS && this.lastShed.compareAndSet(last, now)) {
			this.shed.run();
		}
	}

}
