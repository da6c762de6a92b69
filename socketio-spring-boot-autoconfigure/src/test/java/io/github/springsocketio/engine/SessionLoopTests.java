package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * How work reaches a session's event loop: at once when already there, in arrival order when queued, and not at all
 * once the loop has stopped.
 */
class SessionLoopTests {

	private final DefaultEventLoop eventLoop = new DefaultEventLoop();

	private final SessionLoop loop = new SessionLoop(this.eventLoop, "sid");

	private final List<String> ran = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopLoop() {
		this.eventLoop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
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

	private void onLoop(Runnable task) throws Exception {
		this.eventLoop.submit(task).get(5, TimeUnit.SECONDS);
	}

}
