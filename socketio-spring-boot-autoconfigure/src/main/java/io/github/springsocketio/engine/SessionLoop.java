package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>A session may move once to another loop, {@link #moveTo}: after an upgrade it moves to its WebSocket's loop, so
 * that its writes and reads no longer cross threads. The move keeps the order of tasks: those already queued on the
 * old loop run there first, still owning the session (what they do happens at once, in their order), those handed
 * over meanwhile wait in a list of their own, and only then does the new loop take over. Hand-offs take a lock, so that none lands on the old loop behind the move; work on the loop takes none.
 */
final class SessionLoop {

	// logs as the session it serves, under the name its log lines always had
	private static final Log logger = LogFactory.getLog(Session.class);

	private volatile EventLoop loop;

	/**
	 * The tasks handed over while the session moves, in order; {@code null} when it is not moving, as it nearly always
	 * is. Written under the lock.
	 */
	private volatile @Nullable List<Runnable> inTransit;

	/**
	 * The loop the session is leaving, while it still runs the tasks queued on it before the move: until then it owns
	 * the session, so that what those tasks do (a reply, a write) happens in their order, not behind the hand-offs.
	 */
	private volatile @Nullable EventLoop leaving;

	private final String sessionId;

	SessionLoop(EventLoop loop, String sessionId) {
		this.loop = loop;
		this.sessionId = sessionId;
	}

	/** @return the loop that owns the session now, or will once a move under way is done */
	EventLoop eventLoop() {
		return this.loop;
	}

	/**
	 * @return whether the calling thread owns the session now: during a move the old loop, until it has run what was
	 * queued on it before; then no thread until the new loop takes over
	 */
	boolean inEventLoop() {
		if (this.inTransit == null) {
			return this.loop.inEventLoop();
		}
		EventLoop leaving = this.leaving;
		return leaving != null && leaving.inEventLoop();
	}

	/**
	 * Moves the session to another loop. Called on the session's loop, as the last thing the current task does with
	 * the session: from here on, work for it is handed over, and runs on the new loop once the old loop has run what
	 * was queued on it before the move.
	 * @param target the loop to move to
	 */
	void moveTo(EventLoop target) {
		EventLoop current = this.loop;
		if (target == current || this.inTransit != null) {
			return;
		}
		synchronized (this) {
			this.leaving = current;
			this.inTransit = new ArrayList<>();
			this.loop = target;
			try {
				// behind every task handed to the old loop before the move: none can be handed to it any more
				current.execute(() -> handOver(target));
			}
			catch (RejectedExecutionException ex) {
				handOver(target);
			}
		}
	}

	private void handOver(EventLoop target) {
		this.leaving = null;
		try {
			target.execute(this::runInTransit);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("The event loop session " + this.sessionId + " moved to has stopped; nothing more is done for it");
		}
	}

	/**
	 * Ends the move on the new loop: from here on work is handed to that loop, where it queues behind this task, which
	 * first runs what was handed over during the move, in order.
	 */
	private void runInTransit() {
		List<Runnable> tasks;
		synchronized (this) {
			tasks = this.inTransit;
			this.inTransit = null;
		}
		if (tasks == null) {
			return;
		}
		for (Runnable task : tasks) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("A task of session " + this.sessionId + " failed", ex);
			}
		}
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
			handOff(task);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("The event loop of session " + this.sessionId + " has stopped; nothing more is done for it");
		}
	}

	/** Queues a task on the session's loop, or behind the move under way. */
	private synchronized void handOff(Runnable task) {
		List<Runnable> inTransit = this.inTransit;
		if (inTransit != null) {
			inTransit.add(task);
		}
		else {
			this.loop.execute(task);
		}
	}

	/**
	 * Queues a task behind those already submitted, even when called on the loop. Requests of one session arrive on
	 * several connections, hence several threads; queueing them all keeps the order in which they arrived.
	 */
	void queueTask(Runnable task) {
		handOff(task); // a stopped loop rejects it: the request then fails instead of waiting for nothing
	}

	/** Runs a task on the session's loop after a delay; one that comes due after a move runs on the new loop. */
	ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		return schedule(task, delayMillis, TimeUnit.MILLISECONDS);
	}

	private ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
		return this.loop.schedule(() -> execute(task), delay, unit);
	}

	static void cancel(@Nullable ScheduledFuture<?> timer) {
		if (timer != null) {
			timer.cancel(false);
		}
	}

}
