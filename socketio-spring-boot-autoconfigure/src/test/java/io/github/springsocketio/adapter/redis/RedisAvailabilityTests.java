package io.github.springsocketio.adapter.redis;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether Redis answers: a command that fails marks it lost, unless it was sent before Redis last answered (a
 * straggler of an outage or a failover, timing out while Redis answers again), which is only counted.
 */
class RedisAvailabilityTests {

	private final RedisAvailability availability = new RedisAvailability("redis.test:6379");

	@Test
	void aCommandSentBeforeRedisLastAnsweredIsCountedButDoesNotMarkItLost() {
		long sentBefore = System.nanoTime();
		this.availability.succeeded();

		this.availability.failed(new TimeoutException("sent into the outage"), sentBefore);

		assertThat(this.availability.isAvailable()).isTrue();
		assertThat(this.availability.errorCount()).isEqualTo(1);
		assertThat(this.availability.lastError()).isEqualTo("sent into the outage");
	}

	@Test
	void aCommandSentSinceRedisLastAnsweredMarksItLost() {
		this.availability.succeeded();
		long sentAfter = System.nanoTime();

		this.availability.failed(new TimeoutException("no answer"), sentAfter);

		assertThat(this.availability.isAvailable()).isFalse();
		assertThat(this.availability.unavailableSince()).isPositive();
		this.availability.succeeded();
		assertThat(this.availability.isAvailable()).isTrue();
	}

}
