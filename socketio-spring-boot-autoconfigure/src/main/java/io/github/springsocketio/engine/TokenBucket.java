package io.github.springsocketio.engine;

/**
 * A token bucket: allows {@code rate} takes a second on average and up to {@code burst} at once. No timer refills it:
 * it keeps only the time at which it will be full again (the generic cell rate algorithm), so each take is a little
 * integer arithmetic on the current time and an idle bucket costs nothing. Not thread-safe: its owner confines it to
 * one thread or guards it. Shared by the engine's and the Socket.IO server's limits; not meant for applications.
 */
public final class TokenBucket {

	/** What one token costs, in nanoseconds. */
	private final long interval;

	/** How far ahead of now {@link #fullAt} may be: the whole burst. */
	private final long capacity;

	/** When the bucket is full again, {@link System#nanoTime()}; at or before now, it is full. */
	private long fullAt;

	/**
	 * A full bucket.
	 * @param rate the takes allowed per second, on average, at least 1 and at most a billion
	 * @param burst the takes allowed at once, at least 1
	 * @param now the current {@link System#nanoTime()}
	 */
	public TokenBucket(int rate, int burst, long now) {
		if (rate < 1 || rate > 1_000_000_000 || burst < 1) {
			throw new IllegalArgumentException("A token bucket needs a rate between 1 and a billion a second and a "
					+ "burst of at least 1, got " + rate + " and " + burst);
		}
		this.interval = 1_000_000_000L / rate;
		this.capacity = this.interval * burst;
		this.fullAt = now;
	}

	/**
	 * Takes one token if there is one.
	 * @param now the current {@link System#nanoTime()}
	 * @return whether a token was taken, i.e. whether the action is within the limit
	 */
	public boolean tryTake(long now) {
		long next = Math.max(this.fullAt - now, 0) + this.interval;
		if (next > this.capacity) {
			return false;
		}
		this.fullAt = now + next;
		return true;
	}

	/**
	 * @param now the current {@link System#nanoTime()}
	 * @return whether the bucket is full again: forgetting it would change nothing
	 */
	public boolean isFull(long now) {
		return this.fullAt - now <= 0;
	}

}
