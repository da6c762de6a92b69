package io.github.springsocketio.engine;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packets waiting to leave a session: counted against the slow-client limit, drained in order, and flushed once
 * per event-loop turn.
 */
class OutboundBufferTests {

	private final ManualEventLoop loop = new ManualEventLoop();

	private final AtomicInteger flushes = new AtomicInteger();

	private final EnginePacket hello = EnginePacket.text("hello");

	private final EnginePacket world = EnginePacket.text("world!");

	@AfterEach
	void closeLoop() {
		this.loop.close();
	}

	private OutboundBuffer buffer(long maxBytes) {
		return new OutboundBuffer(maxBytes, this.loop.sessionLoop(), this.flushes::incrementAndGet,
				new SessionMemory(new MemoryBudget(Long.MAX_VALUE), () -> 0, () -> {
				}));
	}

	@Test
	void countsTheBytesOfThePacketsItHolds() {
		OutboundBuffer buffer = buffer(1_000);
		assertThat(buffer.isEmpty()).isTrue();
		buffer.add(this.hello, 0);
		buffer.add(this.world, 0);
		assertThat(buffer.bytes()).isEqualTo(this.hello.length() + this.world.length());
		assertThat(buffer.isEmpty()).isFalse();
	}

	@Test
	void drainsThePacketsInTheOrderTheyWereAddedAndIsEmptyAfterwards() {
		OutboundBuffer buffer = buffer(1_000);
		buffer.add(this.hello, 0);
		buffer.add(this.world, 0);
		buffer.add(EnginePacket.PING_PACKET, 0);
		assertThat(buffer.drain()).containsExactly(this.hello, this.world, EnginePacket.PING_PACKET);
		assertThat(buffer.isEmpty()).isTrue();
		assertThat(buffer.bytes()).isZero();
	}

	@Test
	void clearDropsWhatWaits() {
		OutboundBuffer buffer = buffer(1_000);
		buffer.add(this.hello, 0);
		buffer.clear();
		assertThat(buffer.isEmpty()).isTrue();
		assertThat(buffer.bytes()).isZero();
	}

	@Test
	void isWithinTheLimitUntilTheBytesWaitingPassIt() {
		OutboundBuffer buffer = buffer(this.hello.length() * 2L);
		assertThat(buffer.add(this.hello, 0)).isTrue();
		assertThat(buffer.add(this.hello, 0)).isTrue();
		assertThat(buffer.add(this.hello, 0)).isFalse();
	}

	@Test
	void countsTheBytesTheTransportHoldsAgainstTheLimit() {
		OutboundBuffer buffer = buffer(this.hello.length() * 2L);
		assertThat(buffer.add(this.hello, this.hello.length())).isTrue();
		assertThat(buffer.add(this.hello, this.hello.length())).isFalse();
	}

	@Test
	void aBacklogMayPassTheLimitUntilItHasDrainedBelowIt() {
		OutboundBuffer buffer = buffer(this.hello.length());
		assertThat(buffer.addBacklog(this.hello, 0)).isTrue();
		assertThat(buffer.addBacklog(this.hello, 0)).isTrue();
		assertThat(buffer.addBacklog(this.hello, 0)).isTrue();
		// still above the limit: the allowance holds, and a packet sent behind the backlog is allowed too
		assertThat(buffer.add(this.hello, 0)).isTrue();

		buffer.drain();
		// drained below the limit: the allowance is gone and the limit applies again
		assertThat(buffer.add(this.hello, 0)).isTrue();
		assertThat(buffer.add(this.hello, 0)).isFalse();
	}

	@Test
	void flushesOnceAtTheEndOfTheTurnHoweverManySendsItMade() {
		OutboundBuffer buffer = buffer(1_000);
		buffer.add(this.hello, 0);
		buffer.scheduleFlush();
		buffer.add(this.world, 0);
		buffer.scheduleFlush();
		assertThat(this.flushes).hasValue(0);

		this.loop.runPendingTasks();
		assertThat(this.flushes).hasValue(1);

		this.loop.runPendingTasks();
		assertThat(this.flushes).hasValue(1);
	}

	@Test
	void aSendInALaterTurnIsFlushedInThatTurn() {
		OutboundBuffer buffer = buffer(1_000);
		buffer.scheduleFlush();
		this.loop.runPendingTasks();
		buffer.scheduleFlush();
		this.loop.runPendingTasks();
		assertThat(this.flushes).hasValue(2);
	}

	@Test
	void everyBufferOfTheLoopIsFlushedAtTheEndOfTheTurn() {
		OutboundBuffer first = buffer(1_000);
		OutboundBuffer second = buffer(1_000);
		first.scheduleFlush();
		second.scheduleFlush();
		this.loop.runPendingTasks();
		assertThat(this.flushes).hasValue(2);
	}

}
