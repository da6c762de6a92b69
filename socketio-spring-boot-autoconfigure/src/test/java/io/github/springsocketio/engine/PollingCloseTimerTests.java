package io.github.springsocketio.engine;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a close over polling takes at most: the wait for a close packet to be collected, shorter while the server
 * shuts down, and the moment a session the client closed still answers. Time is the event loop's own, moved forward
 * by the test.
 */
class PollingCloseTimerTests {

	private final ManualEventLoop loop = new ManualEventLoop();

	private final PollingCloseTimer timer = new PollingCloseTimer(this.loop.sessionLoop());

	private final AtomicInteger ended = new AtomicInteger();

	@AfterEach
	void closeLoop() {
		this.loop.close();
	}

	@Test
	void aCloseEndsTheSessionOnceTheClientHadThirtySecondsToCollectTheClosePacket() {
		this.timer.awaitCollection(false, this.ended::incrementAndGet);
		this.loop.advance(29_999);
		assertThat(this.ended).hasValue(0);
		this.loop.advance(1);
		assertThat(this.ended).hasValue(1);
	}

	@Test
	void aCloseDuringShutdownWaitsTwoSecondsOnly() {
		this.timer.awaitCollection(true, this.ended::incrementAndGet);
		this.loop.advance(1_999);
		assertThat(this.ended).hasValue(0);
		this.loop.advance(1);
		assertThat(this.ended).hasValue(1);
	}

	@Test
	void aSessionTheClientClosedLingersForOneSecond() {
		this.timer.linger(this.ended::incrementAndGet);
		assertThat(this.timer.isLingering()).isTrue();
		this.loop.advance(999);
		assertThat(this.ended).hasValue(0);
		this.loop.advance(1);
		assertThat(this.ended).hasValue(1);
	}

	@Test
	void cancelStopsTheTimerAndTheLingering() {
		this.timer.linger(this.ended::incrementAndGet);
		this.timer.cancel();
		assertThat(this.timer.isLingering()).isFalse();
		this.loop.advance(60_000);
		assertThat(this.ended).hasValue(0);

		this.timer.awaitCollection(false, this.ended::incrementAndGet);
		this.timer.cancel();
		this.loop.advance(60_000);
		assertThat(this.ended).hasValue(0);
	}

}
