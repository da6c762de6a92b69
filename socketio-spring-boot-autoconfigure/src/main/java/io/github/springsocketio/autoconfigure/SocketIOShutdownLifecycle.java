package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.server.SocketIOServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * Shuts Socket.IO down gracefully when the application stops, before the web server's own graceful shutdown (whose
 * wait for active requests long-polls would otherwise hold up): new handshakes are refused, every socket leaves
 * with {@code server shutting down} (a recoverable reason, so in a cluster its session is kept for recovery on
 * another node), every connection is closed so clients reconnect elsewhere, and the stop waits until they are gone
 * and their sessions are kept, or {@code socketio.shutdown-timeout} passed; then it stops the cluster adapter, while
 * Redis still runs.
 */
final class SocketIOShutdownLifecycle implements SmartLifecycle {

	/** Stops before the web server's graceful shutdown (higher phases stop first). */
	static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 512;

	private static final Log logger = LogFactory.getLog(SocketIOShutdownLifecycle.class);

	private static final long POLL_MS = 20;

	private final SocketIOServer server;

	private final Duration timeout;

	private final @Nullable AutoCloseable adapter;

	private volatile boolean running;

	/**
	 * @param adapter the cluster adapter, closed once the sessions are kept: Spring Data Redis stops its connection
	 * factory in phase 0, before the beans are destroyed, and the adapter still writes to Redis when it stops
	 */
	SocketIOShutdownLifecycle(SocketIOServer server, Duration timeout, @Nullable AutoCloseable adapter) {
		this.server = server;
		this.timeout = timeout;
		this.adapter = adapter;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		throw new IllegalStateException("stop(Runnable) is used");
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		int open = this.server.engine().sessionCount();
		logger.info("Shutting Socket.IO down: closing " + open + " connection(s)");
		long start = System.nanoTime();
		this.server.close();
		waitForSessions(callback, start, start + this.timeout.toNanos());
	}

	private void waitForSessions(Runnable callback, long start, long deadline) {
		int open = this.server.engine().sessionCount();
		long saving = this.server.pendingSessionSaves();
		if ((open == 0 && saving == 0) || System.nanoTime() >= deadline) {
			if (open > 0 || saving > 0) {
				logger.warn(open + " Socket.IO connection(s) still open and " + saving + " session(s) still being "
						+ "kept after " + this.timeout + "; stopping anyway");
			}
			closeAdapter();
			if (open == 0 && saving == 0) {
				logger.info("Socket.IO shut down in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
						+ " ms: connections closed, sessions kept, adapter stopped");
			}
			callback.run();
			return;
		}
		// not a parallel thread: stopping the adapter blocks on its last Redis writes
		Schedulers.boundedElastic()
			.schedule(() -> waitForSessions(callback, start, deadline), POLL_MS, TimeUnit.MILLISECONDS);
	}

	private void closeAdapter() {
		if (this.adapter == null) {
			return;
		}
		try {
			this.adapter.close();
		}
		catch (Exception ex) {
			logger.warn("Could not stop the Socket.IO adapter", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
