package io.github.springsocketio.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Warns about requests for unknown session ids — the usual symptom of several nodes behind a load balancer without
 * sticky sessions — at most once a minute, with the count of the others.
 */
final class UnknownSessionWarnings {

	private static final Log logger = LogFactory.getLog(EngineIoServer.class);

	private static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - PERIOD_NANOS);

	private final AtomicLong suppressed = new AtomicLong();

	void unknownSession(String path) {
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - last < PERIOD_NANOS || !this.lastWarning.compareAndSet(last, now)) {
			this.suppressed.incrementAndGet();
			return;
		}
		long others = this.suppressed.getAndSet(0);
		logger.warn("Request for an unknown session id on " + path + ((others > 0) ? " (and " + others
				+ " more in the last minute)" : "") + ". If several nodes serve this endpoint, the load balancer "
				+ "probably does not send all requests of a session to the node that opened it: enable sticky "
				+ "sessions (socketio.sticky.enabled and a cookie rule, or IP hash), or use WebSocket only. "
				+ "Clients also get this after a session expired or the node restarted.");
	}

}
