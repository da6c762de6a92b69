package io.github.springsocketio.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One Socket.IO packet. Binary content lives inside {@link #data()} as {@code BinaryNode}s: an {@link PacketType#EVENT}
 * or {@link PacketType#ACK} with binary data is sent as its binary variant, and a received binary packet is decoded
 * to its plain variant with the attachments in place.
 *
 * @param type the packet type
 * @param namespace the namespace, {@code /} by default
 * @param data the payload: an array for events and acks, an object (or nothing) for connect and connect errors,
 * nothing for disconnects
 * @param id the acknowledgement id, or {@link #NO_ID}
 */
public record Packet(PacketType type, String namespace, @Nullable JsonNode data, long id) {

	/** The value of {@link #id()} when no acknowledgement is asked for or answered. */
	public static final long NO_ID = -1;

	public Packet {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(namespace, "namespace");
	}

	/** @return whether the packet carries an acknowledgement id */
	public boolean hasId() {
		return this.id >= 0;
	}

	/**
	 * The same packet with another acknowledgement id.
	 * @param id the id
	 * @return a new packet
	 */
	public Packet withId(long id) {
		return new Packet(this.type, this.namespace, this.data, id);
	}

	/**
	 * The same packet in another namespace.
	 * @param namespace the namespace
	 * @return a new packet
	 */
	public Packet withNamespace(String namespace) {
		return new Packet(this.type, namespace, this.data, this.id);
	}

}
