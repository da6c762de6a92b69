package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/**
 * What a client (or a server handler) saw, in order, for tests to wait on. {@link #next} takes the first matching
 * entry not taken yet, so repeated events are consumed one by one; {@link #all} only looks. Every wait is bounded.
 *
 * @param <T> the type of the entries
 */
final class EventLog<T> {

	private final String name;

	private final List<T> entries = new ArrayList<>();

	private final List<Boolean> taken = new ArrayList<>();

	EventLog(String name) {
		this.name = name;
	}

	synchronized void add(T entry) {
		this.entries.add(entry);
		this.taken.add(false);
		notifyAll();
	}

	/**
	 * Takes the first entry that matches and was not taken yet, waiting for it.
	 * @param what describes the entry, for the failure message
	 */
	synchronized T next(Predicate<? super T> matching, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (int i = 0; i < this.entries.size(); i++) {
				if (!this.taken.get(i) && matching.test(this.entries.get(i))) {
					this.taken.set(i, true);
					return this.entries.get(i);
				}
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return fail("%s: no %s within %s; saw %s", this.name, what, timeout, recent());
			}
			waitNanos(left);
		}
	}

	/** Waits until at least {@code count} entries match, and returns them all. */
	synchronized List<T> awaitCount(Predicate<? super T> matching, int count, Duration timeout, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<T> matches = all(matching);
			if (matches.size() >= count) {
				return matches;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return fail("%s: %d of %d %s within %s; saw %s", this.name, matches.size(), count, what, timeout,
						recent());
			}
			waitNanos(left);
		}
	}

	/** @return every entry that matches, taken or not */
	synchronized List<T> all(Predicate<? super T> matching) {
		List<T> matches = new ArrayList<>();
		for (T entry : this.entries) {
			if (matching.test(entry)) {
				matches.add(entry);
			}
		}
		return matches;
	}

	synchronized List<T> all() {
		return List.copyOf(this.entries);
	}

	/** The latest entries, enough to diagnose a failure without flooding the report. */
	private List<T> recent() {
		int size = this.entries.size();
		return (size <= 40) ? List.copyOf(this.entries) : List.copyOf(this.entries.subList(size - 40, size));
	}

	private void waitNanos(long nanos) {
		try {
			wait(Math.max(1, nanos / 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while waiting", ex);
		}
	}

	@Override
	public synchronized String toString() {
		return this.name + this.entries;
	}

}
