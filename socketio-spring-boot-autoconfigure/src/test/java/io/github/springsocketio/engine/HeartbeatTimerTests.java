package io.github.springsocketio.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's heartbeat timing: a ping one interval after the start or the last pong, and the end of the session when
 * no pong comes within the timeout. Time is the event loop's own, moved forward by the test.
 */
class HeartbeatTimerTests {

	private static final long INTERVAL = 200;

	private static final long TIMEOUT = 50;

	private final ManualEventLoop loop = new ManualEventLoop();

	private final AtomicInteger pings = new AtomicInteger();

	private final AtomicBoolean pinging = new AtomicBoolean(true);

	private final AtomicBoolean timedOut = new AtomicBoolean();

	private final HeartbeatTimer heartbeat = new HeartbeatTimer(this.loop.sessionLoop(),
			INTERVAL, TIMEOUT, () -> {
				this.pings.incrementAndGet();
				return this.pinging.get();
			}, () -> this.timedOut.set(true), false);

	@AfterEach
	void closeLoop() {
		this.loop.close();
	}

	@Test
	void pingsOnceThePingIntervalHasPassed() {
		this.heartbeat.start();
		this.loop.advance(INTERVAL - 1);
		assertThat(this.pings).hasValue(0);
		this.loop.advance(1);
		assertThat(this.pings).hasValue(1);
	}

	@Test
	void endsTheSessionWhenNoPongComesWithinThePingTimeout() {
		this.heartbeat.start();
		this.loop.advance(INTERVAL);
		this.loop.advance(TIMEOUT - 1);
		assertThat(this.timedOut).isFalse();
		this.loop.advance(1);
		assertThat(this.timedOut).isTrue();
	}

	@Test
	void aPongCancelsTheTimeoutAndTheNextPingComesOneIntervalAfterIt() {
		this.heartbeat.start();
		this.loop.advance(INTERVAL);
		this.heartbeat.onPong();
		this.loop.advance(TIMEOUT);
		assertThat(this.timedOut).isFalse();
		assertThat(this.pings).hasValue(1);
		this.loop.advance(INTERVAL - TIMEOUT);
		assertThat(this.pings).hasValue(2);
	}

	@Test
	void noTimeoutRunsWhenTheSessionNoLongerPings() {
		this.pinging.set(false);
		this.heartbeat.start();
		this.loop.advance(INTERVAL);
		this.loop.advance(TIMEOUT * 10);
		assertThat(this.pings).hasValue(1);
		assertThat(this.timedOut).isFalse();
	}

	@Test
	void stopCancelsTheNextPingAndTheTimeout() {
		this.heartbeat.start();
		this.heartbeat.stop();
		this.loop.advance(INTERVAL * 10);
		assertThat(this.pings).hasValue(0);

		this.heartbeat.start();
		this.loop.advance(INTERVAL);
		this.heartbeat.stop();
		this.loop.advance(TIMEOUT * 10);
		assertThat(this.timedOut).isFalse();
	}

}
