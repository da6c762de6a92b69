package io.github.springsocketio.engine;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint-wide count of buffered bytes: shedding starts when the count passes the budget and stops only once it
 * is back under the low-water mark, so the server does not flap around the limit.
 */
class MemoryBudgetTests {

	private final MemoryBudget budget = new MemoryBudget(1_000);

	private final AtomicInteger sheds = new AtomicInteger();

	MemoryBudgetTests() {
		this.budget.onOverBudget(this.sheds::incrementAndGet);
	}

	@Test
	void theLowWaterMarkIsThreeQuartersOfTheBudget() {
		assertThat(this.budget.limit()).isEqualTo(1_000);
		assertThat(this.budget.lowWater()).isEqualTo(750);
	}

	@Test
	void countsWhatIsTakenAndGivenBack() {
		this.budget.add(600);
		this.budget.add(300);
		this.budget.add(-400);

		assertThat(this.budget.used()).isEqualTo(500);
	}

	@Test
	void atTheBudgetNothingIsShed() {
		this.budget.add(1_000);

		assertThat(this.budget.isShedding()).isFalse();
		assertThat(this.sheds).hasValue(0);
	}

	@Test
	void oneBytePastTheBudgetStartsShedding() {
		this.budget.add(1_000);
		this.budget.add(1);

		assertThat(this.budget.isShedding()).isTrue();
		assertThat(this.sheds).hasValue(1);
	}

	@Test
	void sheddingGoesOnUntilTheCountIsBackUnderTheLowWaterMark() {
		this.budget.add(1_001);

		this.budget.add(-200);
		assertThat(this.budget.isShedding()).as("at 801 bytes").isTrue();
		this.budget.add(-51);
		assertThat(this.budget.isShedding()).as("at 750 bytes").isFalse();
	}

	@Test
	void sheddingIsAskedForAtMostOnceEveryQuarterOfASecond() {
		this.budget.add(1_001);
		this.budget.add(100);
		this.budget.add(100);

		assertThat(this.sheds).hasValue(1);
	}

	@Test
	void theDefaultIsHalfTheMaximumHeap() {
		assertThat(MemoryBudget.defaultLimit()).isEqualTo(Runtime.getRuntime().maxMemory() / 2);
	}

}
