package io.github.springsocketio.adapter.redis;

import io.github.springsocketio.adapter.ClusterPayloads;
import io.github.springsocketio.protocol.MsgPack;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.server.BroadcastOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The message bodies of {@code @socket.io/redis-adapter} 8: broadcasts as the MessagePack array
 * {@code [uid, packet, opts]}, requests and responses as JSON or MessagePack maps, told apart by their first byte
 * ({@code {} for JSON), as the Node.js adapter does.
 */
final class RedisAdapterCodec {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final byte OPENING_BRACE = '{';

	private final JsonMapper mapper;

	RedisAdapterCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * @param uid the sending adapter's id
	 * @param packet the event
	 * @param options the targeting
	 * @return {@code msgpack([uid, {type, data, nsp}, {rooms, except, flags}])}
	 */
	byte[] broadcast(String uid, Packet packet, BroadcastOptions options) {
		ArrayNode message = NODES.arrayNode(3);
		message.add(uid);
		message.add(packet(packet));
		message.add(ClusterPayloads.options(options));
		return MsgPack.encode(message);
	}

	/**
	 * @param packet an event
	 * @return {@code {type, data, nsp}}: the packet with its namespace, as the Node.js adapter sends it
	 */
	ObjectNode packet(Packet packet) {
		return ClusterPayloads.packet(packet.withId(Packet.NO_ID)).put("nsp", packet.namespace());
	}

	/**
	 * @param body a broadcast body
	 * @return the broadcast, or {@code null} when the body is not {@code [uid, packet, opts]}
	 */
	@Nullable Broadcast decodeBroadcast(byte[] body) {
		JsonNode message;
		try {
			message = MsgPack.decode(body);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (!message.isArray() || message.size() < 3 || !message.get(1).isObject()) {
			return null;
		}
		JsonNode uid = message.get(0);
		return new Broadcast(uid.isString() ? uid.stringValue() : "", (ObjectNode) message.get(1), message.get(2));
	}

	/**
	 * @param body a request or response body
	 * @return its map, or {@code null} when it is neither a JSON nor a MessagePack map
	 */
	@Nullable ObjectNode decode(byte[] body) {
		try {
			JsonNode node = (body.length > 0 && body[0] == OPENING_BRACE) ? this.mapper.readTree(body)
					: MsgPack.decode(body);
			return (node instanceof ObjectNode map) ? map : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** @return the message as compact JSON, the form of most requests and responses */
	byte[] json(ObjectNode message) {
		return this.mapper.writeValueAsBytes(message);
	}

	/** @return the message as MessagePack, the form of broadcasts with acknowledgements and their answers */
	byte[] msgpack(ObjectNode message) {
		return MsgPack.encode(message);
	}

	/**
	 * A broadcast received from another node.
	 *
	 * @param uid the sender's id, {@code emitter} for an emitter, {@code ""} when missing
	 * @param packet {@code {type, data, nsp}}
	 * @param options {@code {rooms, except, flags}}
	 */
	record Broadcast(String uid, ObjectNode packet, JsonNode options) {

		/** @return the packet's namespace; {@code /} when missing, as Node.js assumes */
		String namespace() {
			JsonNode nsp = this.packet.get("nsp");
			return (nsp != null && nsp.isString()) ? nsp.stringValue() : "/";
		}

	}

}
