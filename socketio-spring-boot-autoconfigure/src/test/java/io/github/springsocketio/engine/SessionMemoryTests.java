package io.github.springsocketio.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One session's share of the memory budget: every change reaches the endpoint's count, the transport's own bytes
 * are read again on demand, and closing gives back everything at once, after which late changes count nothing.
 */
class SessionMemoryTests {

	private final MemoryBudget budget = new MemoryBudget(Long.MAX_VALUE);

	private final AtomicLong transport = new AtomicLong();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final SessionMemory memory = new SessionMemory(this.budget, this.transport::get, () -> this.closed.set(true));

	@Test
	void changesReachTheEndpointsCount() {
		this.memory.add(500);
		this.memory.add(-200);

		assertThat(this.memory.held()).isEqualTo(300);
		assertThat(this.budget.used()).isEqualTo(300);
	}

	@Test
	void theTransportsBytesCountAsLastRead() {
		this.memory.add(100);
		this.transport.set(1_000);
		this.memory.sampleTransport();
		assertThat(this.memory.held()).isEqualTo(1_100);

		this.transport.set(250);
		this.memory.sampleTransport();

		assertThat(this.memory.held()).isEqualTo(350);
		assertThat(this.budget.used()).isEqualTo(350);
	}

	@Test
	void closingGivesEverythingBackAndLateChangesCountNothing() {
		this.memory.add(700);
		this.transport.set(300);
		this.memory.sampleTransport();

		this.memory.close();
		this.memory.add(-700);
		this.memory.add(50);
		this.memory.close();

		assertThat(this.memory.held()).isZero();
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void sheddingMarksTheSessionAndClosesIt() {
		assertThat(this.memory.isShed()).isFalse();

		this.memory.shed();

		assertThat(this.memory.isShed()).isTrue();
		assertThat(this.closed).isTrue();
	}

}
