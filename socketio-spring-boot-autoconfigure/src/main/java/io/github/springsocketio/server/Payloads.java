package io.github.springsocketio.server;

import java.nio.ByteBuffer;

import io.github.springsocketio.protocol.ReservedEvents;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns the values an application emits into the JSON trees packets carry; {@code byte[]} and {@link ByteBuffer}
 * values become binary attachments. Public for the cluster adapters and emitters, which must turn values the same way.
 */
public final class Payloads {

	private Payloads() {
	}

	/**
	 * @param mapper the JSON mapper
	 * @param event the event name
	 * @param args the arguments
	 * @return {@code [event, ...args]}
	 * @throws IllegalArgumentException for a reserved event name
	 */
	public static ArrayNode event(JsonMapper mapper, String event, Object[] args) {
		if (ReservedEvents.isReserved(event)) {
			throw new IllegalArgumentException("'" + event + "' is a reserved event name; choose another one");
		}
		ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length + 1);
		data.add(event);
		for (Object arg : args) {
			data.add(toNode(mapper, arg));
		}
		return data;
	}

	static ArrayNode values(JsonMapper mapper, Object[] args) {
		ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length);
		for (Object arg : args) {
			data.add(toNode(mapper, arg));
		}
		return data;
	}

	/**
	 * @param mapper the JSON mapper
	 * @param value a value
	 * @return it as a tree, {@code byte[]} and {@link ByteBuffer} values anywhere inside as binary
	 */
	public static JsonNode toNode(JsonMapper mapper, @Nullable Object value) {
		if (value == null) {
			return JsonNodeFactory.instance.nullNode();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		if (value instanceof byte[] bytes) {
			return BinaryNode.valueOf(bytes);
		}
		if (value instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return BinaryNode.valueOf(bytes);
		}
		if (value instanceof String text) {
			return JsonNodeFactory.instance.stringNode(text);
		}
		// Through a token buffer rather than valueToTree: byte[] values anywhere inside become BinaryNodes.
		return mapper.readTree(mapper.writeValueIntoBuffer(value));
	}

	/** The event name of an event's data: a string, or a number as the reference accepts. */
	static String eventName(JsonNode name) {
		return name.isString() ? name.stringValue() : name.asString();
	}

	/** The arguments of an event's data, without its name. */
	static ArrayNode arguments(ArrayNode data) {
		ArrayNode args = JsonNodeFactory.instance.arrayNode(Math.max(data.size() - 1, 0));
		for (int i = 1; i < data.size(); i++) {
			args.add(data.get(i));
		}
		return args;
	}

}
