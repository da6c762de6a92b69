package io.github.springsocketio.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A token bucket allows its burst at once, then its rate, refilled from the time between takes alone.
 */
class TokenBucketTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void allowsTheBurstAtOnceThenRefusesUntilTimeEarnsANewToken() {
		TokenBucket bucket = new TokenBucket(10, 5, 0);

		for (int i = 0; i < 5; i++) {
			assertThat(bucket.tryTake(0)).as("take %d of the burst", i + 1).isTrue();
		}
		assertThat(bucket.tryTake(0)).isFalse();
		assertThat(bucket.tryTake(SECOND / 10 - 1)).as("just before a tenth of a second").isFalse();
		assertThat(bucket.tryTake(SECOND / 10)).as("a tenth of a second earns one token at 10/s").isTrue();
		assertThat(bucket.tryTake(SECOND / 10)).isFalse();
	}

	@Test
	void sustainsItsRateOverTime() {
		TokenBucket bucket = new TokenBucket(100, 1, 0);
		int allowed = 0;
		for (long now = 0; now < 10 * SECOND; now += SECOND / 1000) {
			if (bucket.tryTake(now)) {
				allowed++;
			}
		}
		// 1,000 attempts a second for 10 s: the first token plus 100 a second
		assertThat(allowed).isBetween(1000, 1001);
	}

	@Test
	void neverHoldsMoreThanItsBurstHoweverLongItWasIdle() {
		TokenBucket bucket = new TokenBucket(1000, 3, 0);

		long later = 3600 * SECOND;
		assertThat(bucket.isFull(later)).isTrue();
		assertThat(bucket.tryTake(later)).isTrue();
		assertThat(bucket.tryTake(later)).isTrue();
		assertThat(bucket.tryTake(later)).isTrue();
		assertThat(bucket.tryTake(later)).isFalse();
		assertThat(bucket.isFull(later)).isFalse();
		assertThat(bucket.isFull(later + SECOND)).isTrue();
	}

	@Test
	void aClockGoingBackwardsEarnsNothing() {
		TokenBucket bucket = new TokenBucket(1, 1, SECOND);
		assertThat(bucket.tryTake(SECOND)).isTrue();

		assertThat(bucket.tryTake(0)).isFalse();
		assertThat(bucket.tryTake(SECOND)).isFalse();
		assertThat(bucket.tryTake(2 * SECOND)).isTrue();
	}

	@Test
	void needsARateOfOneToABillionAndABurstOfAtLeastOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(0, 1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(1, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(Integer.MAX_VALUE, 1, 0));
	}

}
