package io.github.springsocketio.engine;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shedding load: the sessions holding the most are closed first, only as many as it takes to bring the rest under
 * the low-water mark; sessions already being closed count as given back, and sessions holding nothing are never
 * closed.
 */
class LoadShedderTests {

	private final MemoryBudget budget = new MemoryBudget(1_000);

	private final List<SessionMemory> sessions = new ArrayList<>();

	private final List<String> closed = new ArrayList<>();

	private final LoadShedder shedder = new LoadShedder(this.budget, () -> this.sessions);

	@Test
	void closesTheLargestHoldersFirstUntilTheRestIsUnderTheLowWaterMark() {
		session("small", 200);
		session("largest", 500);
		session("medium", 300);
		session("idle", 0);

		int shed = this.shedder.shed();

		// 1,000 held: closing the largest leaves 500, under the mark of 750
		assertThat(shed).isOne();
		assertThat(this.closed).containsExactly("largest");
		assertThat(this.budget.shedSessions()).isOne();
	}

	@Test
	void closesAsManyAsItTakes() {
		for (int i = 0; i < 10; i++) {
			session("s" + i, 110);
		}

		this.shedder.shed();

		// 1,100 held: four closed leave 660
		assertThat(this.closed).hasSize(4);
	}

	@Test
	void sessionsAlreadyBeingClosedCountAsGivenBack() {
		SessionMemory closing = session("closing", 600);
		closing.shed();
		this.closed.clear();
		session("other", 500);

		this.shedder.shed();

		// 1,100 held, 600 of it about to be given back: 500 stay, under the mark
		assertThat(this.closed).isEmpty();
	}

	@Test
	void sessionsHoldingNothingAreNeverClosed() {
		session("idle", 0);
		this.budget.add(2_000); // held elsewhere than in a session

		assertThat(this.shedder.shed()).isZero();
		assertThat(this.closed).isEmpty();
	}

	private SessionMemory session(String name, long held) {
		SessionMemory memory = new SessionMemory(this.budget, () -> 0, () -> this.closed.add(name));
		memory.add(held);
		this.sessions.add(memory);
		return memory;
	}

}
