package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import io.github.springsocketio.server.BroadcastFlags;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.Payloads;
import io.github.springsocketio.server.SocketDetails;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shapes inside cluster messages, as the Node.js cluster adapter writes them: packets {@code {type, data[, id]}},
 * options {@code {rooms, except, flags}} and socket details {@code {id, handshake, rooms, data}}, plus {@code user}
 * when a Java node knows the socket's principal (Node.js ignores a field it does not read and never writes it).
 */
public final class ClusterPayloads {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** The request headers that carry a client's credentials, as HTTP names them (lower case, as kept). */
	private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

	/** The socket field a Java node adds for its principal's name; not in Node.js's format, which ignores it. */
	private static final String USER = "user";

	private ClusterPayloads() {
	}

	/**
	 * @param packet an event
	 * @return its cluster form {@code {type, data, id?}}
	 */
	public static ObjectNode packet(Packet packet) {
		ObjectNode node = NODES.objectNode();
		node.put("type", packet.type().ordinal());
		node.set("data", packet.data());
		if (packet.hasId()) {
			node.put("id", packet.id());
		}
		return node;
	}

	/**
	 * @param node the cluster form of a packet, or {@code null}
	 * @param namespace the namespace the packet is for
	 * @return the event, or {@code null} when the node is not one
	 */
	public static @Nullable Packet packet(@Nullable JsonNode node, String namespace) {
		if (node == null || !node.isObject()) {
			return null;
		}
		JsonNode type = node.get("type");
		JsonNode data = node.get("data");
		if (type == null || !type.isIntegralNumber() || type.intValue() != PacketType.EVENT.ordinal()
				|| !(data instanceof ArrayNode) || data.isEmpty()) {
			return null;
		}
		JsonNode id = node.get("id");
		return new Packet(PacketType.EVENT, namespace, data,
				(id != null && id.isIntegralNumber()) ? id.longValue() : Packet.NO_ID);
	}

	/**
	 * @param options broadcast options
	 * @return their JSON form {@code {rooms, except, flags}}
	 */
	public static ObjectNode options(BroadcastOptions options) {
		ObjectNode node = NODES.objectNode();
		node.set("rooms", strings(options.rooms()));
		node.set("except", strings(options.except()));
		ObjectNode flags = node.putObject("flags");
		BroadcastFlags set = options.flags();
		if (set.isVolatile()) {
			flags.put("volatile", true);
		}
		if (set.compress() != null) {
			flags.put("compress", set.compress());
		}
		if (set.timeout() != null) {
			flags.put("timeout", set.timeout().toMillis());
		}
		return node;
	}

	/**
	 * @param node the JSON form {@code {rooms, except, flags}}, or {@code null}
	 * @return the broadcast options; everyone when the node is missing
	 */
	public static BroadcastOptions options(@Nullable JsonNode node) {
		if (node == null || !node.isObject()) {
			return BroadcastOptions.ALL;
		}
		JsonNode flags = node.path("flags");
		JsonNode compress = flags.get("compress");
		JsonNode timeout = flags.get("timeout");
		return new BroadcastOptions(strings(node.get("rooms")), strings(node.get("except")),
				new BroadcastFlags(flags.path("volatile").asBoolean(false),
						(compress != null && compress.isBoolean()) ? compress.booleanValue() : null, false,
						(timeout != null && timeout.isNumber()) ? Duration.ofMillis(timeout.longValue()) : null));
	}

	/**
	 * @param values strings
	 * @return them as a JSON array
	 */
	public static ArrayNode strings(Set<String> values) {
		ArrayNode array = NODES.arrayNode(values.size());
		values.forEach(array::add);
		return array;
	}

	/**
	 * @param node a JSON array of strings, or {@code null}
	 * @return its strings, in order, others skipped
	 */
	public static Set<String> strings(@Nullable JsonNode node) {
		Set<String> values = new LinkedHashSet<>();
		if (node != null && node.isArray()) {
			for (JsonNode value : node) {
				if (value.isString()) {
					values.add(value.stringValue());
				}
			}
		}
		return values;
	}

	/**
	 * @param socket a local socket
	 * @param mapper the application's mapper
	 * @return its fetch-sockets form {@code {id, handshake, rooms, data}}, with {@code user} when it has one
	 */
	public static ObjectNode socket(SocketDetails socket, JsonMapper mapper) {
		ObjectNode node = NODES.objectNode();
		node.put("id", socket.id());
		node.set("handshake", withoutCredentials(Payloads.toNode(mapper, socket.handshake())));
		node.set("rooms", strings(socket.rooms()));
		node.set("data", Payloads.toNode(mapper, socket.data()));
		if (socket.user() != null) {
			node.put(USER, socket.user());
		}
		return node;
	}

	/**
	 * Leaves the client's credentials out of a handshake that goes to other nodes: whoever reads the broker would read
	 * them. Node.js sends them; the other nodes have no use for them, as a socket is authenticated where it connected.
	 */
	private static JsonNode withoutCredentials(JsonNode handshake) {
		if (handshake instanceof ObjectNode object) {
			if (object.get("headers") instanceof ObjectNode headers) {
				headers.remove(CREDENTIAL_HEADERS);
			}
			if (object.get("auth") instanceof ObjectNode auth) {
				auth.remove("token");
			}
		}
		return handshake;
	}

	/**
	 * @param node a socket in its fetch-sockets form
	 * @param mapper the application's mapper
	 * @return the socket, or {@code null} when the node has no id
	 */
	public static @Nullable SocketDetails socket(JsonNode node, JsonMapper mapper) {
		JsonNode id = node.get("id");
		if (id == null || !id.isString()) {
			return null;
		}
		JsonNode handshake = node.path("handshake");
		Handshake details = new Handshake(stringMap(handshake.get("headers")), handshake.path("time").asString(""),
				handshake.path("address").asString(""), handshake.path("xdomain").asBoolean(false),
				handshake.path("secure").asBoolean(false), handshake.path("issued").asLong(0),
				handshake.path("url").asString(""), stringMap(handshake.get("query")),
				(handshake.get("auth") instanceof ObjectNode auth) ? auth : NODES.objectNode());
		JsonNode user = node.get(USER);
		return new SocketDetails(id.stringValue(), details, strings(node.get("rooms")), data(node.get("data"), mapper),
				(user != null && user.isString()) ? user.stringValue() : null);
	}

	private static Map<String, String> stringMap(@Nullable JsonNode node) {
		Map<String, String> map = new LinkedHashMap<>();
		if (node != null && node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				map.put(property.getKey(), property.getValue().isString() ? property.getValue().stringValue()
						: property.getValue().toString());
			}
		}
		return map;
	}

	/**
	 * The application data of a socket from its JSON form; null values are left out.
	 * @param node a JSON object, or {@code null}
	 * @param mapper the mapper
	 * @return the data
	 */
	public static Map<String, Object> data(@Nullable JsonNode node, JsonMapper mapper) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (node != null && node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				if (!property.getValue().isNull()) {
					data.put(property.getKey(), mapper.treeToValue(property.getValue(), Object.class));
				}
			}
		}
		return data;
	}

}
