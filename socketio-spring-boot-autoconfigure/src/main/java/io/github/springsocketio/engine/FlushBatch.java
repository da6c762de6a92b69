package io.github.springsocketio.engine;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The sessions of one event loop that have packets to flush, flushed together by one task at the end of the loop's
 * current turn. Sends made during a turn (a broadcast reaching many sessions of this loop, several emits to one
 * session) then cost one task per loop rather than one per session, and each session is written once per turn.
 * Used only on its event loop's thread.
 */
final class FlushBatch implements Runnable {

	private static final FastThreadLocal<FlushBatch> BATCHES = new FastThreadLocal<>();

	private final EventLoop loop;

	private List<Session> sessions = new ArrayList<>();

	private boolean scheduled;

	private FlushBatch(EventLoop loop) {
		this.loop = loop;
	}

	/**
	 * Flushes a session at the end of this turn; called on the session's event loop.
	 * @param session the session
	 * @param loop its event loop, the current thread
	 */
	static void add(Session session, EventLoop loop) {
		FlushBatch batch = BATCHES.get();
		if (batch == null || batch.loop != loop) {
			batch = new FlushBatch(loop);
			BATCHES.set(batch);
		}
		batch.sessions.add(session);
		if (!batch.scheduled) {
			batch.scheduled = true;
			loop.execute(batch);
		}
	}

	@Override
	public void run() {
		this.scheduled = false;
		List<Session> due = this.sessions;
		this.sessions = new ArrayList<>(due.size());
		for (Session session : due) {
			session.flushScheduled();
		}
	}

}
