package io.github.springsocketio.engine;

import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

/**
 * Times the end of a close over polling: how long a server's close packet waits for a poll to collect it, and how long
 * a session the client closed still answers a late poll. Confined to the session's loop; one timer at a time.
 */
final class PollingCloseTimer {

	/** How long a server-side close over polling waits for the client to collect the close packet. */
	static final long CLOSE_TIMEOUT_MS = 30_000;

	/**
	 * The same wait while the server shuts down. A live polling client is back with its next poll within moments; one
	 * that is gone must not hold the shutdown up to its timeout (the reference discards such sessions at once).
	 */
	static final long SHUTDOWN_CLOSE_TIMEOUT_MS = 2_000;

	/**
	 * How long a session closed by the client over polling still answers a poll. A client that posts a close packet
	 * usually has a poll on the way too; it may arrive just after the close, and ends cleanly with a noop.
	 */
	static final long LINGER_MS = 1_000;

	private final SessionLoop loop;

	private @Nullable ScheduledFuture<?> timer;

	private boolean lingering;

	PollingCloseTimer(SessionLoop loop) {
		this.loop = loop;
	}

	/**
	 * The server closes the session over polling: it ends once the client had the time to collect the close packet.
	 * @param shuttingDown whether the whole server shuts down
	 * @param end ends the session
	 */
	void awaitCollection(boolean shuttingDown, Runnable end) {
		this.timer = this.loop.schedule(end, shuttingDown ? SHUTDOWN_CLOSE_TIMEOUT_MS : CLOSE_TIMEOUT_MS);
	}

	/**
	 * The client closed the session with no poll waiting: a poll may still come, and is answered for a moment.
	 * @param stop ends the lingering
	 */
	void linger(Runnable stop) {
		this.lingering = true;
		this.timer = this.loop.schedule(stop, LINGER_MS);
	}

	boolean isLingering() {
		return this.lingering;
	}

	/** Cancels the timer; a lingering session no longer answers. */
	void cancel() {
		SessionLoop.cancel(this.timer);
		this.lingering = false;
	}

}
