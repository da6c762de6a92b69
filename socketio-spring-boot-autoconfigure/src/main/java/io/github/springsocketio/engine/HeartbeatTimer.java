package io.github.springsocketio.engine;

import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Times one session's heartbeat: a ping one ping interval after the session opened or the client last answered, and
 * the end of the session when the answer does not come within the ping timeout. Confined to the session's loop, which
 * holds at most one of its timers at a time.
 */
final class HeartbeatTimer {

	private final SessionLoop loop;

	private final long intervalMillis;

	private final long timeoutMillis;

	private final BooleanSupplier ping;

	private final Runnable timedOut;

	private final Runnable pingTask = this::ping;

	private @Nullable ScheduledFuture<?> timer;

	/**
	 * @param loop the session's loop
	 * @param intervalMillis the ping interval
	 * @param timeoutMillis the ping timeout
	 * @param ping sends a ping; false when the session no longer pings (it is closing), then no timeout runs
	 * @param timedOut ends the session: no pong came in time
	 */
	HeartbeatTimer(SessionLoop loop, long intervalMillis, long timeoutMillis, BooleanSupplier ping,
			Runnable timedOut) {
		this.loop = loop;
		this.intervalMillis = intervalMillis;
		this.timeoutMillis = timeoutMillis;
		this.ping = ping;
		this.timedOut = timedOut;
	}

	/** Pings one interval from now. */
	void start() {
		this.timer = this.loop.schedule(this.pingTask, this.intervalMillis);
	}

	private void ping() {
		if (this.ping.getAsBoolean()) {
			this.timer = this.loop.schedule(this.timedOut, this.timeoutMillis);
		}
	}

	/** The client answered: no timeout, and the next ping one interval from now. */
	void onPong() {
		stop();
		start();
	}

	void stop() {
		SessionLoop.cancel(this.timer);
	}

}
