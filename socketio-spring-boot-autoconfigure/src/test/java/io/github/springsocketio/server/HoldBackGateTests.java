package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.springsocketio.engine.EnginePacket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a restored socket's connection gets while the events it missed are read once more: broadcasts wait, in order,
 * and those the replay already wrote are not written twice.
 */
class HoldBackGateTests {

	private final List<List<EnginePacket>> written = new ArrayList<>();

	private final List<BroadcastFlags> flags = new ArrayList<>();

	private final HoldBackGate gate = new HoldBackGate((packets, flags) -> {
		this.written.add(packets);
		this.flags.add(flags);
	});

	@Test
	void anOpenGateWritesAtOnce() {
		List<EnginePacket> packets = packets("a");

		this.gate.offer(packets, BroadcastFlags.NONE, event("a", "offset-1"));

		assertThat(this.written).containsExactly(packets);
	}

	@Test
	void aShutGateHoldsBroadcastsBackAndWritesThemInOrderWithTheirFlagsWhenOpened() {
		List<EnginePacket> first = packets("first");
		List<EnginePacket> second = packets("second");
		BroadcastFlags asVolatile = BroadcastFlags.NONE.withVolatile();
		this.gate.shut();

		this.gate.offer(first, BroadcastFlags.NONE, event("first", "offset-1"));
		this.gate.offer(second, asVolatile, event("second", "offset-2"));
		assertThat(this.written).isEmpty();
		this.gate.open(Set.of());

		assertThat(this.written).containsExactly(first, second);
		assertThat(this.flags).containsExactly(BroadcastFlags.NONE, asVolatile);
	}

	@Test
	void openingLeavesOutWhatTheReplayAlreadyWrote() {
		List<EnginePacket> replayed = packets("replayed");
		List<EnginePacket> missed = packets("missed");
		List<EnginePacket> withoutOffset = packets("volatile");
		this.gate.shut();
		this.gate.offer(replayed, BroadcastFlags.NONE, event("replayed", "offset-1"));
		this.gate.offer(missed, BroadcastFlags.NONE, event("missed", "offset-2"));
		this.gate.offer(withoutOffset, BroadcastFlags.NONE, JsonNodeFactory.instance.arrayNode().add("volatile"));

		this.gate.open(Set.of("offset-1"));

		assertThat(this.written).containsExactly(missed, withoutOffset);
	}

	@Test
	void onceOpenedBroadcastsPassAgain() {
		this.gate.shut();
		this.gate.open(Set.of());
		List<EnginePacket> later = packets("later");

		this.gate.offer(later, BroadcastFlags.NONE, event("later", "offset-3"));

		assertThat(this.written).containsExactly(later);
	}

	@Test
	void openingAGateThatWasNeverShutWritesNothing() {
		this.gate.open(Set.of("offset-1"));

		assertThat(this.written).isEmpty();
	}

	private static List<EnginePacket> packets(String text) {
		return List.of(EnginePacket.text(text));
	}

	private static ArrayNode event(String name, String offset) {
		return JsonNodeFactory.instance.arrayNode().add(name).add(offset);
	}

}
