package io.github.springsocketio.protocol;

import java.util.Set;

/**
 * Event names a client may not send and an application may not emit: the client library uses them for its own
 * events.
 */
public final class ReservedEvents {

	/** The reserved names. */
	public static final Set<String> NAMES = Set.of("connect", "connect_error", "disconnect", "disconnecting",
			"newListener", "removeListener");

	private ReservedEvents() {
	}

	/**
	 * @param name an event name
	 * @return whether the name is reserved
	 */
	public static boolean isReserved(String name) {
		return NAMES.contains(name);
	}

}
