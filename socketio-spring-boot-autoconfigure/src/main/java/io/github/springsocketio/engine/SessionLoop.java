package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.channel.EventLoop;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Hands work to the event loop that owns one session's state, from whatever thread it comes.
 *
 * <p>Three ways, for three needs: {@link #execute} runs at once when already on the loop, {@link #submit} always
 * queues and drops the task once the loop has stopped, {@link #queueTask} always queues and lets a stopped loop
 * reject it.
 */
final class SessionLoop {

	// logs as the session it serves, under the name its log lines always had
	private static final Log logger = LogFactory.getLog(Session.class);

	private final EventLoop loop;

	private final String sessionId;

	SessionLoop(EventLoop loop, String sessionId) {
		this.loop = loop;
		this.sessionId = sessionId;
	}

	EventLoop eventLoop() {
		return this.loop;
	}

	boolean inEventLoop() {
		return this.loop.inEventLoop();
	}

	/** Runs a task now when called on the loop, else hands it to the loop. */
	void execute(Runnable task) {
		if (inEventLoop()) {
			task.run();
		}
		else {
			submit(task);
		}
	}

	/**
	 * Runs an action on an argument now when called on the loop, else hands it to the loop. An action kept in a field
	 * makes a call on the loop allocate nothing; only a hand-off captures the argument.
	 */
	<T> void execute(Consumer<T> action, T argument) {
		if (inEventLoop()) {
			action.accept(argument);
		}
		else {
			submit(() -> action.accept(argument));
		}
	}

	/** Runs a task on the loop; once that loop has stopped (the server is gone) it is dropped. */
	void submit(Runnable task) {
		try {
			this.loop.execute(task);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("The event loop of session " + this.sessionId + " has stopped; nothing more is done for it");
		}
	}

	/**
	 * Queues a task behind those already submitted, even when called on the loop. Requests of one session arrive on
	 * several connections, hence several threads; queueing them all keeps the order in which they arrived.
	 */
	void queueTask(Runnable task) {
		this.loop.execute(task); // a stopped loop rejects it: the request then fails instead of waiting for nothing
	}

	ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return this.loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		return this.loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
	}

	static void cancel(@Nullable ScheduledFuture<?> timer) {
		if (timer != null) {
			timer.cancel(false);
		}
	}

}
