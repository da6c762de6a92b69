package io.github.springsocketio.server;

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

}
