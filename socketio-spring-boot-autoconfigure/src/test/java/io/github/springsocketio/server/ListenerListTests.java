package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket's listeners of one kind: called in the order added, a removal takes the first occurrence only, and a
 * call in progress goes on over the listeners of the moment it started.
 */
class ListenerListTests {

	private final ListenerList<String> listeners = new ListenerList<>();

	@Test
	void listenersComeInTheOrderAdded() {
		this.listeners.add("a");
		this.listeners.add("b");
		this.listeners.add("a");

		assertThat(this.listeners).containsExactly("a", "b", "a");
	}

	@Test
	void aRemovalTakesTheFirstOccurrenceOnlyAndIgnoresAnUnknownListener() {
		this.listeners.add("a");
		this.listeners.add("b");
		this.listeners.add("a");

		this.listeners.remove("a");
		this.listeners.remove("unknown");

		assertThat(this.listeners).containsExactly("b", "a");
	}

	@Test
	void aListenerAddedDuringACallIsNotCalledByIt() {
		this.listeners.add("a");
		List<String> called = new ArrayList<>();

		for (String listener : this.listeners) {
			called.add(listener);
			this.listeners.add("added while calling");
		}

		assertThat(called).containsExactly("a");
		assertThat(this.listeners).containsExactly("a", "added while calling");
	}

	@Test
	void anEmptyListIsEmpty() {
		assertThat(this.listeners.isEmpty()).isTrue();
		this.listeners.add("a");
		assertThat(this.listeners.isEmpty()).isFalse();
	}

}
