package io.github.springsocketio.adapter.redis;

import java.util.Map;
import java.util.Set;

import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterMessageCodec;
import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterPayloads;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * A stream entry that a recovering socket may have missed, decoded once however many sockets it is checked against:
 * a broadcast of a namespace, without acknowledgement and not volatile (unlike the Node.js adapter, which replays
 * those too).
 * @param id the entry id, the offset the client gets with the event
 * @param namespace the namespace it was broadcast in
 * @param rooms the rooms it was aimed at, none for everyone
 * @param except the rooms it excluded
 * @param data the event, {@code [name, ...args]}
 */
record MissedEntry(String id, String namespace, Set<String> rooms, Set<String> except, ArrayNode data) {

	/**
	 * @param codec the codec of the stream entries
	 * @param id the entry id
	 * @param fields the entry's fields
	 * @return the entry, or {@code null} when no socket ever gets it back (not a replayable broadcast, undecodable)
	 */
	static @Nullable MissedEntry of(ClusterMessageCodec codec, String id, Map<String, String> fields) {
		ClusterMessage message;
		try {
			message = codec.fromStreamFields(fields);
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (message == null || message.type() != ClusterMessageType.BROADCAST || message.requestId() != null) {
			return null;
		}
		JsonNode packet = message.get("packet");
		JsonNode opts = message.get("opts");
		if (packet == null || !(packet.get("data") instanceof ArrayNode data) || packet.has("id") || opts == null
				|| opts.path("flags").path("volatile").asBoolean(false)) {
			return null;
		}
		return new MissedEntry(id, message.nsp(), ClusterPayloads.strings(opts.get("rooms")),
				ClusterPayloads.strings(opts.get("except")), data);
	}

	/**
	 * @param namespace the socket's namespace
	 * @param socketRooms the socket's rooms
	 * @return whether the socket would have got it: aimed at one of its rooms (or at everyone) and excluding none
	 */
	boolean isFor(String namespace, Set<String> socketRooms) {
		if (!this.namespace.equals(namespace)) {
			return false;
		}
		boolean aimed = this.rooms.isEmpty() || this.rooms.stream().anyMatch(socketRooms::contains);
		return aimed && this.except.stream().noneMatch(socketRooms::contains);
	}

	/** @return a copy of the event with its offset appended, as the client gets it */
	ArrayNode withOffset() {
		ArrayNode copy = this.data.deepCopy();
		copy.add(this.id);
		return copy;
	}

}
