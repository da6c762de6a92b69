package io.github.springsocketio.engine;

import org.jspecify.annotations.Nullable;

/**
 * The two Engine.IO transports, by the name used in the {@code transport} query parameter.
 */
public enum Transport {

	/** HTTP long-polling: {@code GET} receives, {@code POST} sends. */
	POLLING("polling"),

	/** One WebSocket connection carrying one Engine.IO packet per message. */
	WEBSOCKET("websocket");

	private final String id;

	Transport(String id) {
		this.id = id;
	}

	/**
	 * The name on the wire, e.g. {@code "polling"}.
	 * @return the transport name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Looks a transport up by its wire name.
	 * @param id a value of the {@code transport} query parameter, possibly {@code null}
	 * @return the transport, or {@code null} when the name is unknown
	 */
	public static @Nullable Transport fromId(@Nullable String id) {
		if (id == null) {
			return null;
		}
		for (Transport transport : values()) {
			if (transport.id.equals(id)) {
				return transport;
			}
		}
		return null;
	}

}
