package io.github.springsocketio.admin;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session ids handed to signed-in dashboards, so that a reload reconnects without the password. Kept in memory
 * on this node, each for a limited time and at most {@value #MAX_SESSIONS} at once (the oldest go first).
 */
final class AdminSessions {

	static final int MAX_SESSIONS = 1000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Long> expiries = new ConcurrentHashMap<>();

	private final long durationNanos;

	AdminSessions(Duration duration) {
		this.durationNanos = duration.toNanos();
	}

	/** @return a new session id, 16 hex digits as the Node.js package makes them */
	String create() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		String id = HexFormat.of().formatHex(bytes);
		long now = System.nanoTime();
		if (this.expiries.size() >= MAX_SESSIONS) {
			prune(now);
		}
		this.expiries.put(id, now + this.durationNanos);
		return id;
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
