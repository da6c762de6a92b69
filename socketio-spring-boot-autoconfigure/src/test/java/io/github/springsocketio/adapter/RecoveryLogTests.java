package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.github.springsocketio.server.BroadcastFlags;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.PersistedSession;
import io.github.springsocketio.server.RestoredSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection state recovery on one node: every kept event gets an offset appended to its data; a lost socket's
 * session is given back once, with the events aimed at its rooms after the offset it last got.
 */
class RecoveryLogTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final PersistedSession SESSION = new PersistedSession("sid1", "pid1", Set.of("sid1", "room1"),
			Map.of("user", "ann"));

	private final RecoveryLog log = new RecoveryLog(Duration.ofMinutes(2));

	@Test
	void anAppendedEventGetsItsOffsetAsLastElementAndTheOriginalIsLeftAlone() {
		ArrayNode data = event("hello");

		ArrayNode kept = this.log.append(data, BroadcastOptions.ALL);

		assertThat(kept).hasSize(2);
		assertThat(kept.get(0).stringValue()).isEqualTo("hello");
		assertThat(kept.get(1).isString()).isTrue();
		assertThat(data).hasSize(1);
		assertThat(this.log.packetCount()).isEqualTo(1);
	}

	@Test
	void eachEventGetsANewOffset() {
		String first = offset(this.log.append(event("one"), BroadcastOptions.ALL));
		String second = offset(this.log.append(event("two"), BroadcastOptions.ALL));

		assertThat(second).isNotEqualTo(first);
	}

	@Test
	void aRestoredSessionCarriesTheEventsAfterItsOffsetAimedAtItsRooms() {
		String offset = offset(this.log.append(event("seen"), BroadcastOptions.ALL));
		this.log.append(event("to-all"), BroadcastOptions.ALL);
		this.log.append(event("to-room1"), to(Set.of("room1"), Set.of()));
		this.log.append(event("to-room2"), to(Set.of("room2"), Set.of()));
		this.log.append(event("except-room1"), to(Set.of(), Set.of("room1")));
		this.log.persist(SESSION);

		RestoredSession restored = this.log.restore("pid1", offset);

		assertThat(restored).isNotNull();
		assertThat(restored.sid()).isEqualTo("sid1");
		assertThat(restored.rooms()).containsExactlyInAnyOrder("sid1", "room1");
		assertThat(restored.data()).containsEntry("user", "ann");
		assertThat(restored.missedPackets()).extracting((data) -> data.get(0).stringValue())
			.containsExactly("to-all", "to-room1");
	}

	@Test
	void aSessionIsRestoredOnlyOnce() {
		String offset = offset(this.log.append(event("seen"), BroadcastOptions.ALL));
		this.log.persist(SESSION);

		assertThat(this.log.restore("pid1", offset)).isNotNull();
		assertThat(this.log.restore("pid1", offset)).isNull();
	}

	@Test
	void anUnknownSessionOrAnOffsetNoLongerKeptRestoresNothing() {
		String offset = offset(this.log.append(event("seen"), BroadcastOptions.ALL));
		this.log.persist(SESSION);

		assertThat(this.log.restore("unknown", offset)).isNull();
		assertThat(this.log.restore("pid1", "zzzz")).as("an offset never given").isNull();
	}

	@Test
	void aMalformedOffsetRestoresNothing() {
		this.log.append(event("seen"), BroadcastOptions.ALL);
		this.log.persist(SESSION);

		assertThat(this.log.restore("pid1", "not an offset")).isNull();
	}

	@Test
	void missedEventsAreReadAgainForRoomsWithoutConsumingAnything() {
		String offset = offset(this.log.append(event("seen"), BroadcastOptions.ALL));
		this.log.append(event("to-room1"), to(Set.of("room1"), Set.of()));
		this.log.append(event("to-room2"), to(Set.of("room2"), Set.of()));

		assertThat(this.log.missedSince(offset, Set.of("room1"))).extracting((data) -> data.get(0).stringValue())
			.containsExactly("to-room1");
		assertThat(this.log.missedSince(offset, Set.of("room2"))).hasSize(1);
		assertThat(this.log.missedSince("not an offset", Set.of("room1"))).isEmpty();
	}

	@Test
	void cleaningUpForgetsWhatIsOlderThanTheRecoveryWindow() {
		RecoveryLog noWindow = new RecoveryLog(Duration.ofMillis(-1));
		String offset = offset(noWindow.append(event("old"), BroadcastOptions.ALL));
		noWindow.persist(SESSION);

		noWindow.cleanUp();

		assertThat(noWindow.packetCount()).isZero();
		assertThat(noWindow.restore("pid1", offset)).isNull();
	}

	@Test
	void cleaningUpKeepsWhatIsWithinTheRecoveryWindow() {
		String offset = offset(this.log.append(event("recent"), BroadcastOptions.ALL));
		this.log.persist(SESSION);

		this.log.cleanUp();

		assertThat(this.log.packetCount()).isEqualTo(1);
		assertThat(this.log.restore("pid1", offset)).isNotNull();
	}

	private static ArrayNode event(String name) {
		return NODES.arrayNode().add(name);
	}

	private static String offset(ArrayNode kept) {
		return kept.get(kept.size() - 1).stringValue();
	}

	private static BroadcastOptions to(Set<String> rooms, Set<String> except) {
		return new BroadcastOptions(rooms, except, BroadcastFlags.NONE);
	}

}
