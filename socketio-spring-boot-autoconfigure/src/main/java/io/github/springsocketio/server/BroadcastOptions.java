package io.github.springsocketio.server;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Which sockets an operation targets: the members of any of {@code rooms} (every socket when empty), minus the
 * members of any of {@code except}.
 *
 * @param rooms the rooms targeted, empty for the whole namespace
 * @param except the rooms whose members are excluded
 * @param flags the flags
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, BroadcastFlags flags) {

	public BroadcastOptions {
		rooms = Set.copyOf(rooms);
		except = Set.copyOf(except);
	}

	/** Every socket of the namespace, no flag. */
	public static final BroadcastOptions ALL = new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE);

	/**
	 * Targets the members of more rooms, as {@code to(...)} and {@code in(...)} of an operator do.
	 * @param rooms the rooms, added to those already targeted
	 * @return the new options
	 */
	public BroadcastOptions to(String... rooms) {
		return new BroadcastOptions(union(this.rooms, rooms), this.except, this.flags);
	}

	/**
	 * Excludes the members of more rooms, as {@code except(...)} of an operator does.
	 * @param rooms the rooms, added to those already excluded
	 * @return the new options
	 */
	public BroadcastOptions except(String... rooms) {
		return new BroadcastOptions(this.rooms, union(this.except, rooms), this.flags);
	}

	/**
	 * @param flags the flags
	 * @return the same targeting with these flags
	 */
	public BroadcastOptions withFlags(BroadcastFlags flags) {
		return new BroadcastOptions(this.rooms, this.except, flags);
	}

	private static Set<String> union(Set<String> current, String[] more) {
		Set<String> union = new HashSet<>(current);
		union.addAll(Arrays.asList(more));
		return union;
	}

}
