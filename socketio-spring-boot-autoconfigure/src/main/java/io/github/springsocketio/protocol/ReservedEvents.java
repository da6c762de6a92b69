package io.github.springsocketio.protocol;

import java.util.Set;

/**
 * Event names a client may not send and an application may not emit (the client library uses them for its own
 * events), and those a server-side event between nodes may not have (a server's own connection events).
 */
public final class ReservedEvents {

	/** The reserved names. */
	public static final Set<String> NAMES = Set.of("connect", "connect_error", "disconnect", "disconnecting",
			"newListener", "removeListener");

	/** The names a server-side event may not have. */
	public static final Set<String> SERVER_SIDE_NAMES = Set.of("connect", "connection", "new_namespace");

	private ReservedEvents() {
	}

	/**
	 * @param name an event name
	 * @return whether the name is reserved
	 */
	public static boolean isReserved(String name) {
		return NAMES.contains(name);
	}

	/**
	 * @param name the name of a server-side event
	 * @return whether a server-side event may not have it
	 */
	public static boolean isReservedServerSide(String name) {
		return SERVER_SIDE_NAMES.contains(name);
	}

}
