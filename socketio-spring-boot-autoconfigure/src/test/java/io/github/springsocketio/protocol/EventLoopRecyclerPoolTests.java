package io.github.springsocketio.protocol;

import java.util.concurrent.atomic.AtomicReference;

import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.BufferRecycler;

import static org.assertj.core.api.Assertions.assertThat;

/** An event loop keeps one recycler for all its packets; any other thread borrows one from the shared pool. */
class EventLoopRecyclerPoolTests {

	private final EventLoopRecyclerPool pool = EventLoopRecyclerPool.INSTANCE;

	@Test
	void anEventLoopGetsItsOwnRecyclerEachTimeAndReleasingItKeepsIt() throws InterruptedException {
		AtomicReference<BufferRecycler> first = new AtomicReference<>();
		AtomicReference<BufferRecycler> second = new AtomicReference<>();
		Thread loop = new FastThreadLocalThread(() -> {
			BufferRecycler recycler = this.pool.acquireAndLinkPooled();
			first.set(recycler);
			recycler.releaseToPool();
			second.set(this.pool.acquireAndLinkPooled());
		});
		loop.start();
		loop.join();

		assertThat(first.get()).isNotNull().isSameAs(second.get());
		assertThat(first.get().isLinkedWithPool()).isFalse();
	}

	@Test
	void anotherThreadBorrowsALinkedRecyclerThatGoesBackToTheSharedPool() {
		BufferRecycler recycler = this.pool.acquireAndLinkPooled();

		assertThat(recycler.isLinkedWithPool()).isTrue();
		recycler.releaseToPool();
		assertThat(recycler.isLinkedWithPool()).isFalse();
	}

}
