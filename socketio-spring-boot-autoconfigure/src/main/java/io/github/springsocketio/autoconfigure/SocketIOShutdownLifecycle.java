package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.server.SocketIOServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * Shuts Socket.IO down gracefully when the application stops, before the web server's own graceful shutdown (whose
 * wait for active requests long-polls would otherwise hold up): new handshakes are refused, every socket leaves
 * with {@code server shutting down} (a recoverable reason, so in a cluster its session is kept for recovery on
 * another node), every connection is closed so clients reconnect elsewhere, and the stop waits until they are gone
 * or {@code socketio.shutdown-timeout} passed.
 */
final class SocketIOShutdownLifecycle implements SmartLifecycle {

	/** Stops before the web server's graceful shutdown (higher phases stop first). */
	static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 512;

	private static final Log logger = LogFactory.getLog(SocketIOShutdownLifecycle.class);

	private static final long POLL_MS = 50;

	private final SocketIOServer server;

	private final Duration timeout;

	private volatile boolean running;

	SocketIOShutdownLifecycle(SocketIOServer server, Duration timeout) {
		this.server = server;
		this.timeout = timeout;
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
		this.server.close();
		long deadline = System.nanoTime() + this.timeout.toNanos();
		waitForSessions(callback, deadline);
	}

	private void waitForSessions(Runnable callback, long deadline) {
		int open = this.server.engine().sessionCount();
		if (open == 0 || System.nanoTime() >= deadline) {
			if (open > 0) {
				logger.warn(open + " Socket.IO connection(s) still open after " + this.timeout + "; stopping anyway");
			}
			callback.run();
			return;
		}
		Schedulers.parallel().schedule(() -> waitForSessions(callback, deadline), POLL_MS, TimeUnit.MILLISECONDS);
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
