package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

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

	/**
	 * Bounds a command by a timeout and records whether Redis answered it. Work starts on subscription.
	 * @param command the command
	 * @param timeout how long it may take
	 * @return the command, bounded and watched
	 */
	<T> Mono<T> watch(Mono<T> command, Duration timeout) {
		return Mono.defer(() -> {
			long sentAt = System.nanoTime();
			return command.timeout(timeout)
				.doOnSuccess((ignored) -> succeeded())
				.doOnError((error) -> failed(error, sentAt));
		});
	}

	/**
	 * As {@link #watch}, but while Redis is unavailable fails at once, without sending the command.
	 * @param command the command
	 * @param name the command's name, for the error
	 * @param timeout how long it may take
	 * @return the command, bounded and watched
	 */
	<T> Mono<T> guard(Mono<T> command, String name, Duration timeout) {
		if (!isAvailable()) {
			return Mono.error(new RedisUnavailableException("Redis is unavailable: " + name + " not sent"));
		}
		return watch(command, timeout);
	}

	void succeeded() {
		this.lastAnswer = System.nanoTime();
		if (this.available.compareAndSet(false, true)) {
			long down = System.currentTimeMillis() - this.unavailableSince.get();
			logger.info("Redis is back after " + down + " ms; resuming the cluster stream where it stopped");
		}
	}

}
