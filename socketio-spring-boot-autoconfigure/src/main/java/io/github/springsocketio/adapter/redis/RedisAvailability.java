package io.github.springsocketio.adapter.redis;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Whether Redis answers, as the node last saw it. Logs one line when it stops answering and one when it is back,
 * never one per failed command; while it is down, cluster operations fail at once instead of waiting.
 */
final class RedisAvailability {

	private static final Log logger = LogFactory.getLog(RedisAvailability.class);

	private final AtomicBoolean available = new AtomicBoolean(true);

	private final AtomicLong unavailableSince = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	/** {@link System#nanoTime()} of the last answer. */
	private volatile long lastAnswer = System.nanoTime();

	private volatile @Nullable String lastError;

	private final String address;

	/** @param address what the node connects to ({@link RedisAddress}), named when it is lost */
	RedisAvailability(String address) {
		this.address = address;
	}

	boolean isAvailable() {
		return this.available.get();
	}

	/** @return when Redis stopped answering (epoch ms), or 0 while it answers */
	long unavailableSince() {
		return this.available.get() ? 0 : this.unavailableSince.get();
	}

	long errorCount() {
		return this.errors.get();
	}

	@Nullable String lastError() {
		return this.lastError;
	}

	void failed(Throwable error) {
		this.errors.incrementAndGet();
		this.lastError = String.valueOf(error.getMessage());
		if (this.available.compareAndSet(true, false)) {
			this.unavailableSince.set(System.currentTimeMillis());
			logger.warn("Lost Redis at " + this.address + " (" + error.getMessage() + "): cluster operations fail until it is back; "
					+ "this node keeps serving its own clients");
		}
	}

	/**
	 * A command failed that was sent at {@code sentAt} ({@link System#nanoTime()}). One sent before Redis last
	 * answered tells nothing new: after an outage or a Redis Cluster failover, the commands sent into it time out one
	 * by one while Redis answers again, and each would mark it lost again (and the commands sent meanwhile would
	 * fail at once).
	 * @param error the failure
	 * @param sentAt when the command was sent
	 */
	void failed(Throwable error, long sentAt) {
		if (sentAt - this.lastAnswer < 0) {
			this.errors.incrementAndGet();
			this.lastError = String.valueOf(error.getMessage());
			return;
		}
		failed(error);
	}

	void succeeded() {
		this.lastAnswer = System.nanoTime();
		if (this.available.compareAndSet(false, true)) {
			long down = System.currentTimeMillis() - this.unavailableSince.get();
			logger.info("Redis is back after " + down + " ms; resuming the cluster stream where it stopped");
		}
	}

}
