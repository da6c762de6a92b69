package io.github.springsocketio.protocol;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's buffer recyclers for the JSON of packets: an event loop keeps one of its own, any other thread takes one
 * from Jackson's shared pool. Each packet read or written takes a recycler and gives it back, and the shared pool (a
 * lock-free deque) cost an echo about 5% of its CPU; a thread-local one costs nothing there, but would make a new
 * recycler for each virtual thread, which is why Jackson's default is the shared pool.
 */
final class EventLoopRecyclerPool implements RecyclerPool<BufferRecycler> {

	static final EventLoopRecyclerPool INSTANCE = new EventLoopRecyclerPool();

	private static final long serialVersionUID = 1L;

	private static final FastThreadLocal<BufferRecycler> LOOP_RECYCLER = new FastThreadLocal<>() {

		@Override
		protected BufferRecycler initialValue() {
			return new BufferRecycler();
		}

	};

	private EventLoopRecyclerPool() {
	}

	/** @return the loop's own recycler, not linked to any pool so that releasing it keeps it; else a shared one */
	@Override
	public BufferRecycler acquireAndLinkPooled() {
		return onEventLoop() ? LOOP_RECYCLER.get() : JsonRecyclerPools.sharedConcurrentDequePool().acquireAndLinkPooled();
	}

	@Override
	public BufferRecycler acquirePooled() {
		return onEventLoop() ? LOOP_RECYCLER.get() : JsonRecyclerPools.sharedConcurrentDequePool().acquirePooled();
	}

	/** Only a shared recycler comes back here (a loop's is never linked): it goes back to the shared pool. */
	@Override
	public void releasePooled(BufferRecycler recycler) {
		JsonRecyclerPools.sharedConcurrentDequePool().releasePooled(recycler);
	}

	private static boolean onEventLoop() {
		return Thread.currentThread() instanceof FastThreadLocalThread;
	}

	private Object readResolve() {
		return INSTANCE;
	}

}
