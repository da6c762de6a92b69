package io.github.springsocketio.adapter;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events kept for recovery: numbered in order across segments, read back equal to what was sent, filtered by
 * the rooms they were aimed at, and forgotten once older than a time.
 */
class KeptEventsTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final KeptEvents events = new KeptEvents();

	@Test
	void eventsAreNumberedInOrderAndReadBackAcrossSegments() {
		int count = KeptEvents.SEGMENT_SIZE * 2 + 10;
		for (int i = 0; i < count; i++) {
			ArrayNode sent = this.events.append(event("e" + i), Set.of(), Set.of(), 1_000);
			assertThat(offset(sent)).isEqualTo(Long.toString(i + 1, 36));
		}

		List<ArrayNode> missed = this.events.after(KeptEvents.SEGMENT_SIZE - 5, Set.of("sid"));

		assertThat(missed).hasSize(count - KeptEvents.SEGMENT_SIZE + 5);
		assertThat(missed.get(0).get(0).stringValue()).isEqualTo("e" + (KeptEvents.SEGMENT_SIZE - 5));
		assertThat(missed.get(missed.size() - 1).get(0).stringValue()).isEqualTo("e" + (count - 1));
		assertThat(this.events.size()).isEqualTo(count);
	}

	@Test
	void anEventComesBackAsTheTreeThatWasSentWhateverItHolds() {
		ArrayNode plain = this.events.append(
				event("plain").add(NODES.objectNode().put("n", 1).put("x", 2.5).put("ok", true).putNull("z")),
				Set.of(), Set.of(), 1_000);
		ArrayNode binary = this.events.append(event("binary").add(NODES.binaryNode(new byte[] { 1, 2, 3 })),
				Set.of(), Set.of(), 1_000);
		ArrayNode decimal = this.events.append(
				event("decimal").add(NODES.numberNode(new BigDecimal("0.1000000000000000055511151231257827"))),
				Set.of(), Set.of(), 1_000);

		assertThat(this.events.after(0, Set.of())).containsExactly(plain, binary, decimal);
	}

	@Test
	void aSocketGetsWhatWasAimedAtAllOrAtOneOfItsRoomsUnlessOneOfItsRoomsWasLeftOut() {
		this.events.append(event("to-all"), Set.of(), Set.of(), 1_000);
		this.events.append(event("to-café"), Set.of("café"), Set.of(), 1_000);
		this.events.append(event("to-other"), Set.of("other"), Set.of(), 1_000);
		this.events.append(event("to-both-except-me"), Set.of("café", "other"), Set.of("sid1"), 1_000);
		this.events.append(event("to-all-except-others"), Set.of(), Set.of("other", "sid2"), 1_000);

		assertThat(this.events.after(0, Set.of("sid1", "café"))).extracting((data) -> data.get(0).stringValue())
			.containsExactly("to-all", "to-café", "to-all-except-others");
	}

	@Test
	void forgettingDropsWhatWasEmittedBeforeATimeAndKeepsTheRest() {
		for (int i = 0; i < KeptEvents.SEGMENT_SIZE + 3; i++) {
			this.events.append(event("old"), Set.of(), Set.of(), 1_000);
		}
		ArrayNode recent = this.events.append(event("recent"), Set.of(), Set.of(), 2_000);

		this.events.forgetBefore(1_500);

		assertThat(this.events.size()).isEqualTo(1);
		assertThat(this.events.isKept(KeptEvents.SEGMENT_SIZE + 3)).isFalse();
		assertThat(this.events.isKept(KeptEvents.SEGMENT_SIZE + 4)).isTrue();
		assertThat(this.events.after(0, Set.of())).containsExactly(recent);
	}

	@Test
	void forgettingEverythingKeepsTheNumbering() {
		this.events.append(event("old"), Set.of(), Set.of(), 1_000);

		this.events.forgetBefore(1_500);
		ArrayNode next = this.events.append(event("new"), Set.of(), Set.of(), 2_000);

		assertThat(this.events.size()).isEqualTo(1);
		assertThat(offset(next)).isEqualTo("2");
		assertThat(this.events.isKept(1)).isFalse();
		assertThat(this.events.after(1, Set.of())).containsExactly(next);
	}

	@Test
	void readersSeeWholeEventsInOrderWhileAppendsGoOn() throws Exception {
		int count = KeptEvents.SEGMENT_SIZE * 5;
		Thread appender = new Thread(() -> {
			for (int i = 0; i < count; i++) {
				this.events.append(event("e" + i).add(NODES.objectNode().put("i", i)), Set.of(), Set.of(), 1_000);
			}
		});
		appender.start();
		int reads = 0;
		while (appender.isAlive() || reads == 0) {
			List<ArrayNode> seen = this.events.after(0, Set.of());
			for (int i = 0; i < seen.size(); i++) {
				assertThat(seen.get(i).get(0).stringValue()).isEqualTo("e" + i);
				assertThat(seen.get(i).get(1).get("i").intValue()).isEqualTo(i);
			}
			reads++;
		}
		appender.join();

		assertThat(this.events.after(0, Set.of())).hasSize(count);
	}

	@Test
	void onlyTreesThatJsonCarriesUnchangedAreKeptAsJson() {
		assertThat(KeptEvents.isPlainJson(event("e").add(NODES.objectNode().put("n", 1L).put("s", "t")))).isTrue();
		assertThat(KeptEvents.isPlainJson(event("e").add(NODES.binaryNode(new byte[] { 1 })))).isFalse();
		assertThat(KeptEvents.isPlainJson(event("e").add(NODES.pojoNode(new byte[] { 1 })))).isFalse();
		assertThat(KeptEvents.isPlainJson(event("e").add(NODES.numberNode(BigDecimal.ONE)))).isFalse();
	}

	private static ArrayNode event(String name) {
		return NODES.arrayNode().add(name);
	}

	private static String offset(ArrayNode sent) {
		return sent.get(sent.size() - 1).stringValue();
	}

}
