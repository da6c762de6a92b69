package io.github.springsocketio.server;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Immutable lists of listeners: a listener added comes last, a removal takes the first occurrence only, and the list
 * changed is a new one, so that a call going over the old one is not disturbed.
 */
class ListenerListTests {

	@Test
	void aListenerAddedComesLastInANewList() {
		List<String> before = List.of("a", "b");

		List<String> after = ListenerList.with(before, "a");

		assertThat(after).containsExactly("a", "b", "a");
		assertThat(before).containsExactly("a", "b");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> after.add("c"));
	}

	@Test
	void aRemovalTakesTheFirstOccurrenceOnlyAndIgnoresAnUnknownListener() {
		List<String> listeners = List.of("a", "b", "a");

		assertThat(ListenerList.without(listeners, "a")).containsExactly("b", "a");
		assertThat(ListenerList.without(listeners, "unknown")).isSameAs(listeners);
	}

}
