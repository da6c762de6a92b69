package io.github.springsocketio.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Brings an endpoint back under its memory budget: closes the sessions holding the most bytes first, until what the
 * others hold is under the low-water mark.
 */
final class LoadShedder {

	private static final Log logger = LogFactory.getLog(EngineIoServer.class);

	private final MemoryBudget budget;

	private final Supplier<? extends Iterable<SessionMemory>> sessions;

	/**
	 * @param budget the endpoint's budget
	 * @param sessions reads the memory of every open session
	 */
	LoadShedder(MemoryBudget budget, Supplier<? extends Iterable<SessionMemory>> sessions) {
		this.budget = budget;
		this.sessions = sessions;
	}

	/**
	 * An endpoint's budget, shedding load once past it.
	 * @param limit the budget, in bytes
	 * @param sessions reads the memory of every open session
	 * @return the budget, whose passing closes the largest holders
	 */
	static MemoryBudget budget(long limit, Supplier<? extends Iterable<SessionMemory>> sessions) {
		MemoryBudget budget = new MemoryBudget(limit);
		budget.onOverBudget(new LoadShedder(budget, sessions)::shed);
		return budget;
	}

	/**
	 * Closes the largest holders until the rest is projected under the low-water mark. Sessions already closing
	 * count as given back.
	 * @return how many sessions it closed
	 */
	int shed() {
		long projected = this.budget.used();
		List<Holder> holders = new ArrayList<>();
		for (SessionMemory memory : this.sessions.get()) {
			memory.sampleTransport();
			long held = memory.held();
			if (memory.isShed()) {
				projected -= held;
			}
			else if (held > 0) {
				holders.add(new Holder(memory, held));
			}
		}
		holders.sort(Comparator.comparingLong(Holder::held).reversed());
		int closed = 0;
		long freed = 0;
		for (Holder holder : holders) {
			if (projected - freed <= this.budget.lowWater()) {
				break;
			}
			holder.memory().shed();
			freed += holder.held();
			closed++;
		}
		if (closed > 0) {
			this.budget.countShed(closed);
			logger.warn("Memory budget exceeded: " + projected + " bytes held of " + this.budget.limit()
					+ " allowed; closed the " + closed + " sessions holding the most (" + freed
					+ " bytes) and refusing new ones until under " + this.budget.lowWater() + " bytes");
		}
		return closed;
	}

	private record Holder(SessionMemory memory, long held) {
	}

}
