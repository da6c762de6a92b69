package io.github.springsocketio.server;

import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON trees for the tests: what clients send and receive is compared as Jackson trees, binary values as
 * {@code BinaryNode}s, whichever client library carried them.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** How binary values travel to and from the Node.js driver script. */
	private static final String BINARY = "$binary";

	private Json() {
	}

	static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	static ObjectNode object(String json) {
		return (ObjectNode) parse(json);
	}

	/** @return the values as a tree: maps, lists, strings, numbers, booleans, {@code null}, {@code byte[]}, trees */
	static ArrayNode array(Object... values) {
		ArrayNode array = NODES.arrayNode();
		for (Object value : values) {
			array.add(tree(value));
		}
		return array;
	}

	static JsonNode tree(Object value) {
		if (value == null) {
			return NODES.nullNode();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		if (value instanceof byte[] bytes) {
			return BinaryNode.valueOf(bytes);
		}
		if (value instanceof Map<?, ?> map) {
			ObjectNode object = NODES.objectNode();
			map.forEach((key, item) -> object.set(String.valueOf(key), tree(item)));
			return object;
		}
		if (value instanceof List<?> list) {
			ArrayNode array = NODES.arrayNode();
			list.forEach((item) -> array.add(tree(item)));
			return array;
		}
		return MAPPER.valueToTree(value);
	}

	static BinaryNode binary(int... bytes) {
		return BinaryNode.valueOf(bytes(bytes));
	}

	static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	// The Node.js driver: binary as {"$binary": "<base64>"}

	static JsonNode toDriver(JsonNode node) {
		if (node.isBinary()) {
			return NODES.objectNode().put(BINARY, Base64.getEncoder().encodeToString(node.binaryValue()));
		}
		if (node.isArray()) {
			ArrayNode array = NODES.arrayNode();
			node.forEach((item) -> array.add(toDriver(item)));
			return array;
		}
		if (node.isObject()) {
			ObjectNode object = NODES.objectNode();
			node.properties().forEach((property) -> object.set(property.getKey(), toDriver(property.getValue())));
			return object;
		}
		return node;
	}

	static JsonNode fromDriver(JsonNode node) {
		if (node.isObject()) {
			if (node.size() == 1 && node.has(BINARY)) {
				return BinaryNode.valueOf(Base64.getDecoder().decode(node.get(BINARY).stringValue()));
			}
			ObjectNode object = NODES.objectNode();
			node.properties().forEach((property) -> object.set(property.getKey(), fromDriver(property.getValue())));
			return object;
		}
		if (node.isArray()) {
			ArrayNode array = NODES.arrayNode();
			node.forEach((item) -> array.add(fromDriver(item)));
			return array;
		}
		return node;
	}

	// The Java client: org.json values, binary as byte[]

	static Object toOrgJson(JsonNode node) {
		if (node.isBinary()) {
			return node.binaryValue();
		}
		if (node.isArray()) {
			JSONArray array = new JSONArray();
			node.forEach((item) -> array.put(toOrgJson(item)));
			return array;
		}
		if (node.isObject()) {
			JSONObject object = new JSONObject();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				try {
					object.put(property.getKey(), toOrgJson(property.getValue()));
				}
				catch (JSONException ex) {
					throw new IllegalArgumentException(ex);
				}
			}
			return object;
		}
		if (node.isNull()) {
			return JSONObject.NULL;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue();
		}
		return node.doubleValue();
	}

	static JsonNode fromOrgJson(Object value) {
		if (value == null || value == JSONObject.NULL) {
			return NODES.nullNode();
		}
		if (value instanceof byte[] bytes) {
			return BinaryNode.valueOf(bytes);
		}
		if (value instanceof JSONArray array) {
			ArrayNode node = NODES.arrayNode();
			for (int i = 0; i < array.length(); i++) {
				node.add(fromOrgJson(array.opt(i)));
			}
			return node;
		}
		if (value instanceof JSONObject object) {
			ObjectNode node = NODES.objectNode();
			Iterator<String> keys = object.keys();
			while (keys.hasNext()) {
				String key = keys.next();
				node.set(key, fromOrgJson(object.opt(key)));
			}
			return node;
		}
		if (value instanceof Integer number) {
			return NODES.numberNode(number);
		}
		if (value instanceof Long number) {
			return (number == number.intValue()) ? NODES.numberNode(number.intValue()) : NODES.numberNode(number);
		}
		if (value instanceof Number number) {
			double d = number.doubleValue();
			return (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) ? NODES.numberNode((int) d) : NODES.numberNode(d);
		}
		if (value instanceof Boolean bool) {
			return NODES.booleanNode(bool);
		}
		return NODES.stringNode(String.valueOf(value));
	}

}
