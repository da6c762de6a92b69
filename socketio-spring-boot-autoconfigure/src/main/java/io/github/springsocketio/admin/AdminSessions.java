package io.github.springsocketio.admin;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * The default {@link AdminSessionStore}: the session ids in memory on this node, each for a limited time and at most
 * {@value #MAX_SESSIONS} at once (the oldest go first). Node's {@code InMemoryStore} keeps them for ever.
 */
final class AdminSessions implements AdminSessionStore {

	static final int MAX_SESSIONS = 1000;

	private final Map<String, Long> expiries = new ConcurrentHashMap<>();

	private final long durationNanos;

	AdminSessions(Duration duration) {
		this.durationNanos = duration.toNanos();
	}

	@Override
	public Mono<Void> save(String sessionId) {
		return Mono.fromRunnable(() -> add(sessionId));
	}

	@Override
	public Mono<Boolean> exists(String sessionId) {
		return Mono.fromSupplier(() -> isValid(sessionId));
	}

	void add(String id) {
		long now = System.nanoTime();
		if (this.expiries.size() >= MAX_SESSIONS) {
			prune(now);
		}
		this.expiries.put(id, now + this.durationNanos);
	}

	/** @return whether the id was handed out and has not expired */
	boolean isValid(String id) {
		Long expiry = this.expiries.get(id);
		if (expiry == null) {
			return false;
		}
		if (expiry - System.nanoTime() < 0) {
			this.expiries.remove(id, expiry);
			return false;
		}
		return true;
	}

	int size() {
		return this.expiries.size();
	}

	private void prune(long now) {
		this.expiries.values().removeIf((expiry) -> expiry - now < 0);
		Iterator<Map.Entry<String, Long>> oldest = this.expiries.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByValue())
			.iterator();
		while (this.expiries.size() >= MAX_SESSIONS && oldest.hasNext()) {
			this.expiries.remove(oldest.next().getKey());
		}
	}

}
