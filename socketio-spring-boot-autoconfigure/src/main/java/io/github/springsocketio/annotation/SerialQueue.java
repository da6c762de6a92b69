package io.github.springsocketio.annotation;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One socket's handler calls, one at a time and in the order they were submitted, each on its own executor: the
 * handler executor for blocking methods, the socket's event loop for reactive ones. A reactive call submitted on the
 * event loop while nothing else is waiting runs at once, without a hop.
 */
final class SerialQueue {

	private static final Log logger = LogFactory.getLog(SerialQueue.class);

	private final Executor worker;

	private final Executor eventLoop;

	private final int capacity;

	// Sized for an idle socket, which holds one for its life; it grows when tasks wait.
	private final ArrayDeque<Task> tasks = new ArrayDeque<>(1);

	private boolean running;

	/**
	 * @param worker the handler executor
	 * @param eventLoop the socket's event loop
	 * @param capacity how many calls may wait; more are refused
	 */
	SerialQueue(Executor worker, Executor eventLoop, int capacity) {
		this.worker = worker;
		this.eventLoop = eventLoop;
		this.capacity = capacity;
	}

	/**
	 * Queues a call. Called on the socket's event loop.
	 * @param body the call; must not throw
	 * @param onEventLoop whether it runs on the event loop rather than on the handler executor
	 * @param force whether to queue it even when the queue is full (connect and disconnect handlers)
	 * @return {@code false} when the queue is full and the call was refused
	 */
	boolean submit(Runnable body, boolean onEventLoop, boolean force) {
		Task task = new Task(body, onEventLoop);
		synchronized (this) {
			if (this.running) {
				if (!force && this.tasks.size() >= this.capacity) {
					return false;
				}
				this.tasks.add(task);
				return true;
			}
			this.running = true;
		}
		if (onEventLoop) {
			run(task);
		}
		else {
			dispatch(task);
		}
		return true;
	}

	private void dispatch(Task task) {
		try {
			(task.onEventLoop() ? this.eventLoop : this.worker).execute(() -> run(task));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Handler call dropped: its executor is shut down", ex);
			synchronized (this) {
				this.tasks.clear();
				this.running = false;
			}
		}
	}

	private void run(Task task) {
		try {
			task.body().run();
		}
		catch (RuntimeException ex) {
			logger.error("A Socket.IO handler call failed", ex);
		}
		finally {
			Task next;
			synchronized (this) {
				next = this.tasks.poll();
				if (next == null) {
					this.running = false;
				}
			}
			if (next != null) {
				dispatch(next);
			}
		}
	}

	private record Task(Runnable body, boolean onEventLoop) {
	}

}
