package io.github.springsocketio.server;

import java.util.Iterator;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The arguments of an event or an acknowledgement, as sent by the other side: JSON values, with binary data as
 * {@code byte[]} at any depth. Typed access converts with the application's JSON mapper.
 *
 * <pre>{@code
 * socket.on("chat message", (args, ack) -> {
 *     ChatMessage message = args.get(0, ChatMessage.class);
 *     ack.send("delivered");
 * });
 * }</pre>
 */
public final class Arguments implements Iterable<JsonNode> {

	private final ArrayNode values;

	private final JsonMapper mapper;

	/**
	 * @param values the values; not copied, do not change them afterwards
	 * @param mapper the mapper used for typed access
	 */
	public Arguments(ArrayNode values, JsonMapper mapper) {
		this.values = values;
		this.mapper = mapper;
	}

	/** @return how many arguments there are */
	public int size() {
		return this.values.size();
	}

	/** @return whether there are none */
	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * One argument as a JSON tree.
	 * @param index its position, from 0
	 * @return the value, a {@code MissingNode} past the end
	 */
	public JsonNode node(int index) {
		JsonNode node = this.values.get(index);
		return (node != null) ? node : MissingNode.getInstance();
	}

	/**
	 * One argument converted to a type.
	 * @param index its position, from 0
	 * @param type the type, e.g. a record or {@code byte[]}
	 * @param <T> the type
	 * @return the value, {@code null} past the end or for a JSON null
	 */
	public <T> @Nullable T get(int index, Class<T> type) {
		JsonNode node = this.values.get(index);
		return (node == null || node.isNull()) ? null : this.mapper.treeToValue(node, type);
	}

	/**
	 * One argument converted to a generic type.
	 * @param index its position, from 0
	 * @param type the type, e.g. {@code new TypeReference<List<String>>() {}}
	 * @param <T> the type
	 * @return the value, {@code null} past the end or for a JSON null
	 */
	public <T> @Nullable T get(int index, TypeReference<T> type) {
		JsonNode node = this.values.get(index);
		return (node == null || node.isNull()) ? null : this.mapper.treeToValue(node, type);
	}

	/**
	 * One argument converted to a type.
	 * @param index its position, from 0
	 * @param type the type
	 * @param <T> the type
	 * @return the value, {@code null} past the end or for a JSON null
	 */
	public <T> @Nullable T get(int index, JavaType type) {
		JsonNode node = this.values.get(index);
		return (node == null || node.isNull()) ? null : this.mapper.treeToValue(node, type);
	}

	/**
	 * One argument as text.
	 * @param index its position, from 0
	 * @return the string, or {@code null} when absent or not a string
	 */
	public @Nullable String text(int index) {
		JsonNode node = this.values.get(index);
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	/**
	 * One binary argument.
	 * @param index its position, from 0
	 * @return the bytes, or {@code null} when absent or not binary
	 */
	public byte @Nullable [] bytes(int index) {
		JsonNode node = this.values.get(index);
		return (node != null && node.isBinary()) ? node.binaryValue() : null;
	}

	/**
	 * The arguments as one JSON array, to send them on unchanged.
	 * @return the array; do not change it
	 */
	public ArrayNode toArrayNode() {
		return this.values;
	}

	/**
	 * The arguments as an array of values, e.g. to emit them again: {@code socket.emit("echo", args.toArray())}.
	 * @return the values as JSON trees
	 */
	public Object[] toArray() {
		Object[] array = new Object[this.values.size()];
		for (int i = 0; i < array.length; i++) {
			array[i] = this.values.get(i);
		}
		return array;
	}

	@Override
	public Iterator<JsonNode> iterator() {
		return this.values.iterator();
	}

	@Override
	public String toString() {
		return this.values.toString();
	}

}
