package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * How work reaches a session's event loop: at once when already there, in arrival order when queued, not at all once
 * the loop has stopped, and in order across a move to another loop.
 */
class SessionLoopTests {

	private final DefaultEventLoop eventLoop = new DefaultEventLoop();

	private final SessionLoop loop = new SessionLoop(this.eventLoop, "sid");

	private final List<String> ran = new CopyOnWriteArrayList<>();

	private final List<DefaultEventLoop> otherLoops = new ArrayList<>();

	@AfterEach
	void stopLoop() {
		this.eventLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
		this.otherLoops.forEach((loop) -> loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly());
	}

	@Test
	void executeRunsOnTheLoopWhenCalledElsewhere() throws Exception {
		CountDownLatch done = new CountDownLatch(1);
		this.loop.execute(() -> {
			this.ran.add(this.loop.inEventLoop() ? "on the loop" : "elsewhere");
			done.countDown();
		});
		assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.ran).containsExactly("on the loop");
	}

	@Test
	void executeRunsAtOnceWhenCalledOnTheLoop() throws Exception {
		onLoop(() -> {
			this.loop.execute(() -> this.ran.add("task"));
			this.ran.add("after");
		});
		assertThat(this.ran).containsExactly("task", "after");
	}

	@Test
	void anActionOnAnArgumentRunsAtOnceOnTheLoopAndIsHandedToItFromElsewhere() throws Exception {
		Consumer<String> action = (argument) -> this.ran.add(argument + (this.loop.inEventLoop() ? " on the loop" : ""));
		onLoop(() -> {
			this.loop.execute(action, "at once");
			this.ran.add("after");
		});
		this.loop.execute(action, "handed over");
		onLoop(() -> {
		});
		assertThat(this.ran).containsExactly("at once on the loop", "after", "handed over on the loop");
	}

	@Test
	void anActionHandedToAStoppedLoopIsDropped() {
		stopLoop();
		assertThatNoException().isThrownBy(() -> this.loop.execute(this.ran::add, "dropped"));
		assertThat(this.ran).isEmpty();
	}

	@Test
	void queueTaskRunsBehindWhatIsQueuedEvenWhenCalledOnTheLoop() throws Exception {
		onLoop(() -> {
			this.loop.queueTask(() -> this.ran.add("task"));
			this.ran.add("after");
		});
		onLoop(() -> {
		});
		assertThat(this.ran).containsExactly("after", "task");
	}

	@Test
	void submitDropsATaskOnceTheLoopHasStopped() {
		stopLoop();
		assertThatNoException().isThrownBy(() -> this.loop.submit(() -> this.ran.add("task")));
		assertThat(this.ran).isEmpty();
	}

	@Test
	void queueTaskLetsAStoppedLoopRejectTheTask() {
		stopLoop();
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> this.loop.queueTask(() -> this.ran.add("task")));
	}

	@Test
	void schedulesOnTheLoopAndCancelsWhatItScheduled() throws Exception {
		CountDownLatch done = new CountDownLatch(1);
		this.loop.schedule(done::countDown, Duration.ofMillis(1));
		assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

		var timer = this.loop.schedule(() -> this.ran.add("cancelled"), 60_000);
		SessionLoop.cancel(timer);
		assertThat(timer.isCancelled()).isTrue();
		SessionLoop.cancel(null);
	}

	@Test
	void afterAMoveTheSessionsWorkRunsOnTheNewLoop() throws Exception {
		DefaultEventLoop target = newLoop();
		onLoop(() -> this.loop.moveTo(target));
		CompletableFuture<String> ran = new CompletableFuture<>();

		this.loop.execute(() -> ran.complete((target.inEventLoop() && this.loop.inEventLoop()) ? "on the new loop" : "elsewhere"));

		assertThat(ran.get(5, TimeUnit.SECONDS)).isEqualTo("on the new loop");
		assertThat(this.loop.eventLoop()).isSameAs(target);
		assertThat(this.eventLoop.submit(this.loop::inEventLoop).get(5, TimeUnit.SECONDS)).isFalse();
	}

	@Test
	void aMoveKeepsTheOrderOfTasksQueuedOnTheOldLoopAndOfThoseHandedOverMeanwhile() throws Exception {
		DefaultEventLoop target = newLoop();
		CountDownLatch gate = new CountDownLatch(1);
		CountDownLatch moved = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch handedOver = new CountDownLatch(2);
		this.eventLoop.execute(() -> {
			await(gate);
			this.loop.moveTo(target);
			moved.countDown();
			await(release);
		});
		this.loop.execute(record("queued before the move", this.eventLoop, null));
		gate.countDown();
		assertThat(moved.await(5, TimeUnit.SECONDS)).isTrue();
		// the old loop still has work of the session: what is handed over now waits for it, and runs on the new loop
		this.loop.execute(record("handed over from elsewhere", target, handedOver));
		target.execute(() -> this.loop.execute(record("handed over on the new loop", target, handedOver)));
		assertThat(handedOver.await(200, TimeUnit.MILLISECONDS)).as("ran before the old loop's work").isFalse();
		release.countDown();

		assertThat(handedOver.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.ran).containsExactly("queued before the move on its loop",
				"handed over from elsewhere on its loop", "handed over on the new loop on its loop");
	}

	@Test
	void aTimerSetBeforeAMoveRunsOnTheNewLoop() throws Exception {
		DefaultEventLoop target = newLoop();
		CompletableFuture<Boolean> ran = new CompletableFuture<>();
		onLoop(() -> {
			this.loop.schedule(() -> ran.complete(target.inEventLoop()), 50);
			this.loop.moveTo(target);
		});

		assertThat(ran.get(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aTaskQueuedOnTheOldLoopBeforeTheMoveStillOwnsTheSessionThereAndComesBeforeWhatWasHandedOffMeanwhile()
			throws Exception {
		DefaultEventLoop target = newLoop();
		CountDownLatch moved = new CountDownLatch(1);
		CountDownLatch handedOff = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(2);
		CountDownLatch queued = new CountDownLatch(1);
		this.eventLoop.execute(() -> {
			await(queued); // the task below is queued before the move is
			this.loop.moveTo(target);
			moved.countDown();
			await(handedOff);
		});
		// queued on the old loop before the move, as a read of the old transport can be: it runs there, and owns the
		// session while it does
		this.eventLoop.execute(() -> this.loop.execute(() -> {
			this.ran.add("queued before the move, on " + (this.eventLoop.inEventLoop() ? "the old loop" : "another"));
			done.countDown();
		}));
		queued.countDown();
		await(moved);
		this.loop.execute(() -> {
			this.ran.add("handed off during the move, on " + (target.inEventLoop() ? "the new loop" : "another"));
			done.countDown();
		});
		handedOff.countDown();

		assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.ran).containsExactly("queued before the move, on the old loop",
				"handed off during the move, on the new loop");
	}

	private DefaultEventLoop newLoop() {
		DefaultEventLoop target = new DefaultEventLoop();
		this.otherLoops.add(target);
		return target;
	}

	private Runnable record(String name, EventLoop expected, @Nullable CountDownLatch done) {
		return () -> {
			this.ran.add(name + (expected.inEventLoop() ? " on its loop" : " elsewhere"));
			if (done != null) {
				done.countDown();
			}
		};
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void onLoop(Runnable task) throws Exception {
		this.eventLoop.submit(task).get(5, TimeUnit.SECONDS);
	}

}
