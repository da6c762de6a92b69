package io.github.springsocketio.server;

import java.util.Objects;

import io.github.springsocketio.protocol.JsonLimits;

/**
 * The limits on what one client can make the server hold, with defaults no real client comes near. Each has its
 * answer: a packet past the JSON limits, or with an event name too long, closes the client's connection as any
 * invalid packet does; a namespace past its limits is refused with the CONNECT_ERROR {@code Invalid namespace};
 * rooms past theirs are not joined; events past the rate are dropped or disconnect the socket, as configured. Every
 * refusal is counted ({@link SocketIOObserver#limitExceeded}).
 *
 * <pre>{@code SocketIOLimits limits = SocketIOLimits.builder().roomsPerSocket(100).build();}</pre>
 *
 * @param json the limits on the JSON of inbound packets
 * @param namespacesPerConnection how many namespaces one connection may join (default 100)
 * @param dynamicNamespaces how many children of dynamic namespaces may exist on this node (default 10,000)
 * @param cleanupEmptyChildNamespaces whether a child of a dynamic namespace is removed once no socket is in it
 * (default {@code true}; Node's {@code cleanupEmptyChildNamespaces}, off there by default)
 * @param namespaceNameLength the longest namespace name, in characters (default 256)
 * @param eventNameLength the longest event name a client may send, in characters (default 256)
 * @param roomsPerSocket how many rooms one socket may be in, its own included (default 1000)
 * @param roomNameLength the longest room name, in characters (default 1024)
 * @param eventsPerSecond how many events one socket may send a second on average, {@code 0} for no limit (default
 * 200; Node.js has no limit)
 * @param eventBurst how many events one socket may send at once before the average applies (default 1000)
 * @param eventRateAction what an event past the rate gets (default {@link EventRateAction#DROP})
 */
public record SocketIOLimits(JsonLimits json, int namespacesPerConnection, int dynamicNamespaces,
		boolean cleanupEmptyChildNamespaces, int namespaceNameLength, int eventNameLength, int roomsPerSocket,
		int roomNameLength, int eventsPerSecond, int eventBurst, EventRateAction eventRateAction) {

	public SocketIOLimits {
		Objects.requireNonNull(json, "json");
		atLeastOne("namespacesPerConnection", namespacesPerConnection);
		atLeastOne("dynamicNamespaces", dynamicNamespaces);
		atLeastOne("namespaceNameLength", namespaceNameLength);
		atLeastOne("eventNameLength", eventNameLength);
		atLeastOne("roomsPerSocket", roomsPerSocket);
		atLeastOne("roomNameLength", roomNameLength);
		if (eventsPerSecond < 0) {
			throw new IllegalArgumentException("eventsPerSecond must be 0 (no limit) or positive, got " + eventsPerSecond);
		}
		atLeastOne("eventBurst", eventBurst);
		Objects.requireNonNull(eventRateAction, "eventRateAction");
	}

	/** @return the defaults */
	public static SocketIOLimits defaults() {
		return new SocketIOLimits(JsonLimits.defaults(), 100, 10_000, true, 256, 256, 1000, 1024, 200, 1000,
				EventRateAction.DROP);
	}

	/** @return a builder starting from the defaults */
	public static Builder builder() {
		return new Builder(defaults());
	}

	private static void atLeastOne(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, got " + value);
		}
	}

	/** Builds {@link SocketIOLimits}; each setter's default is the record's. */
	public static final class Builder {

		private JsonLimits json;

		private int namespacesPerConnection;

		private int dynamicNamespaces;

		private boolean cleanupEmptyChildNamespaces;

		private int namespaceNameLength;

		private int eventNameLength;

		private int roomsPerSocket;

		private int roomNameLength;

		private int eventsPerSecond;

		private int eventBurst;

		private EventRateAction eventRateAction;

		private Builder(SocketIOLimits from) {
			this.json = from.json;
			this.namespacesPerConnection = from.namespacesPerConnection;
			this.dynamicNamespaces = from.dynamicNamespaces;
			this.cleanupEmptyChildNamespaces = from.cleanupEmptyChildNamespaces;
			this.namespaceNameLength = from.namespaceNameLength;
			this.eventNameLength = from.eventNameLength;
			this.roomsPerSocket = from.roomsPerSocket;
			this.roomNameLength = from.roomNameLength;
			this.eventsPerSecond = from.eventsPerSecond;
			this.eventBurst = from.eventBurst;
			this.eventRateAction = from.eventRateAction;
		}

		public Builder json(JsonLimits json) {
			this.json = json;
			return this;
		}

		public Builder namespacesPerConnection(int namespacesPerConnection) {
			this.namespacesPerConnection = namespacesPerConnection;
			return this;
		}

		public Builder dynamicNamespaces(int dynamicNamespaces) {
			this.dynamicNamespaces = dynamicNamespaces;
			return this;
		}

		public Builder cleanupEmptyChildNamespaces(boolean cleanupEmptyChildNamespaces) {
			this.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
			return this;
		}

		public Builder namespaceNameLength(int namespaceNameLength) {
			this.namespaceNameLength = namespaceNameLength;
			return this;
		}

		public Builder eventNameLength(int eventNameLength) {
			this.eventNameLength = eventNameLength;
			return this;
		}

		public Builder roomsPerSocket(int roomsPerSocket) {
			this.roomsPerSocket = roomsPerSocket;
			return this;
		}

		public Builder roomNameLength(int roomNameLength) {
			this.roomNameLength = roomNameLength;
			return this;
		}

		public Builder eventsPerSecond(int eventsPerSecond) {
			this.eventsPerSecond = eventsPerSecond;
			return this;
		}

		public Builder eventBurst(int eventBurst) {
			this.eventBurst = eventBurst;
			return this;
		}

		public Builder eventRateAction(EventRateAction eventRateAction) {
			this.eventRateAction = eventRateAction;
			return this;
		}

		public SocketIOLimits build() {
			return new SocketIOLimits(this.json, this.namespacesPerConnection, this.dynamicNamespaces,
					this.cleanupEmptyChildNamespaces, this.namespaceNameLength, this.eventNameLength,
					this.roomsPerSocket, this.roomNameLength, this.eventsPerSecond, this.eventBurst,
					this.eventRateAction);
		}

	}

}
