package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Immutable lists of listeners, replaced whole on each change: calling them takes no lock and sees the listeners of
 * one moment, and a list with none or one listener costs a few bytes, where a {@code CopyOnWriteArrayList} costs
 * three objects even empty (a server holds several lists per connection).
 */
final class ListenerList {

	private ListenerList() {
	}

	/** @return a new immutable list: the listeners, then one more */
	static <T> List<T> with(List<T> listeners, T listener) {
		List<T> next = new ArrayList<>(listeners.size() + 1);
		next.addAll(listeners);
		next.add(listener);
		return List.copyOf(next);
	}

	/** @return a new immutable list without the first occurrence of a listener, or the same list without it */
	static <T> List<T> without(List<T> listeners, T listener) {
		int index = listeners.indexOf(listener);
		if (index < 0) {
			return listeners;
		}
		List<T> next = new ArrayList<>(listeners);
		next.remove(index);
		return List.copyOf(next);
	}

}
