package io.github.springsocketio.engine;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The outbound buffers of one event loop's sessions that have packets to flush, flushed together by one task at the
 * end of the loop's current turn. Sends made during a turn (a broadcast reaching many sessions of this loop, several emits to one
 * session) then cost one task per loop rather than one per session, and each session is written once per turn.
 * Used only on its event loop's thread.
 */
final class FlushBatch implements Runnable {

	private static final FastThreadLocal<FlushBatch> BATCHES = new FastThreadLocal<>();

	private final EventLoop loop;

	private List<OutboundBuffer> buffers = new ArrayList<>();

	private boolean scheduled;

	private FlushBatch(EventLoop loop) {
		this.loop = loop;
	}

	/**
	 * Flushes a session's buffer at the end of this turn; called on the session's event loop.
	 * @param buffer the buffer
	 * @param loop its event loop, the current thread
	 */
	static void add(OutboundBuffer buffer, EventLoop loop) {
		FlushBatch batch = BATCHES.get();
		if (batch == null || batch.loop != loop) {
			batch = new FlushBatch(loop);
			BATCHES.set(batch);
		}
		batch.buffers.add(buffer);
		if (!batch.scheduled) {
			batch.scheduled = true;
			loop.execute(batch);
		}
	}

	@Override
	public void run() {
		this.scheduled = false;
		List<OutboundBuffer> due = this.buffers;
		this.buffers = new ArrayList<>(due.size());
		for (OutboundBuffer buffer : due) {
			buffer.flushScheduled();
		}
	}

}
