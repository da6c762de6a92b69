package io.github.springsocketio.engine;

import java.util.Arrays;

/**
 * Adds an observer to an array of observers that is never changed in place, so that an event is passed on by a loop
 * over an array (no allocation, no lock) while observers may still be added from any thread. Shared by the engine's,
 * the Socket.IO server's and the cluster adapters' observers; not meant for applications.
 */
public final class Observers {

	private Observers() {
	}

	/**
	 * @param <T> the observer type
	 * @param observers the observers so far; not changed
	 * @param added the observer to add
	 * @return {@code observers} itself if {@code added} is among them already (meters bound twice would count every
	 * event twice), else a new array with {@code added} last
	 */
	public static <T> T[] adding(T[] observers, T added) {
		for (T observer : observers) {
			if (observer == added) {
				return observers;
			}
		}
		T[] all = Arrays.copyOf(observers, observers.length + 1);
		all[observers.length] = added;
		return all;
	}

}
