package io.github.springsocketio.engine;

import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Times one session's heartbeat: a ping one ping interval after the session opened or the client last answered, and
 * the end of the session when the answer does not come within the ping timeout. Over Engine.IO v3 the client pings
 * instead: the session ends when no ping came within the ping interval plus the ping timeout since the open or the
 * last ping. Confined to the session's loop, which holds at most one of its timers at a time.
 */
final class HeartbeatTimer {

	private final SessionLoop loop;

	private final long intervalMillis;

	private final long timeoutMillis;

	private final BooleanSupplier ping;

	private final Runnable timedOut;

	/** Engine.IO v3: the client pings, the server only waits. */
	private final boolean clientPings;

	private final Runnable pingTask = this::ping;

	private @Nullable ScheduledFuture<?> timer;

	/**
	 * @param loop the session's loop
	 * @param intervalMillis the ping interval
	 * @param timeoutMillis the ping timeout
	 * @param ping sends a ping; false when the session no longer pings (it is closing), then no timeout runs
	 * @param timedOut ends the session: no pong (over v3, no ping) came in time
	 * @param clientPings whether the client pings (Engine.IO v3)
	 */
	HeartbeatTimer(SessionLoop loop, long intervalMillis, long timeoutMillis, BooleanSupplier ping,
			Runnable timedOut, boolean clientPings) {
		this.clientPings = clientPings;
		this.loop = loop;
		this.intervalMillis = intervalMillis;
		this.timeoutMillis = timeoutMillis;
		this.ping = ping;
		this.timedOut = timedOut;
	}

	/** Pings one interval from now; over v3, times out one interval and one timeout from now. */
	void start() {
		this.timer = this.clientPings ? this.loop.schedule(this.timedOut, this.intervalMillis + this.timeoutMillis)
				: this.loop.schedule(this.pingTask, this.intervalMillis);
	}

	private void ping() {
		if (this.ping.getAsBoolean()) {
			this.timer = this.loop.schedule(this.timedOut, this.timeoutMillis);
		}
	}

	/** The client answered (over v3: the client pinged): no timeout, and the next ping one interval from now. */
	void onPong() {
		stop();
		start();
	}

	void stop() {
		SessionLoop.cancel(this.timer);
	}

}
