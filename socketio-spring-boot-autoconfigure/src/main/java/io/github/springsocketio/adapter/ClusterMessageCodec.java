package io.github.springsocketio.adapter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springsocketio.protocol.MsgPack;
import io.github.springsocketio.protocol.PacketEncoder;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes cluster messages as the Node.js adapters do: stream entries with the fields {@code uid, nsp, type, data}
 * ({@code data} as compact JSON, or as base64 MessagePack when it holds binary), whole MessagePack envelopes for
 * the PUB/SUB of the streams adapter, and JSON envelopes (MessagePack when they hold binary) for sharded PUB/SUB.
 */
public final class ClusterMessageCodec {

	private final JsonMapper mapper;

	/** Compact whatever the application's mapper indents: Node.js reads entries whose data starts with '{'. */
	private final ObjectWriter writer;

	private final boolean onlyPlaintext;

	/**
	 * @param mapper the JSON mapper
	 * @param onlyPlaintext never use MessagePack in stream entries (binary values are then sent as base64 strings)
	 */
	public ClusterMessageCodec(JsonMapper mapper, boolean onlyPlaintext) {
		this.mapper = mapper;
		this.writer = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
		this.onlyPlaintext = onlyPlaintext;
	}

	/**
	 * @param message a message
	 * @return the fields of its stream entry, in the order Node.js writes them
	 */
	public Map<String, String> toStreamFields(ClusterMessage message) {
		Map<String, String> fields = new LinkedHashMap<>(8);
		fields.put("uid", message.uid());
		fields.put("nsp", message.nsp());
		fields.put("type", Integer.toString(message.type().code()));
		ObjectNode data = message.data();
		if (data != null) {
			boolean binary = !this.onlyPlaintext && message.type().mayCarryBinary() && PacketEncoder.containsBinary(data);
			fields.put("data", binary ? Base64.getEncoder().encodeToString(MsgPack.encode(data))
					: this.writer.writeValueAsString(data));
		}
		return fields;
	}

	/**
	 * @param fields the fields of a stream entry
	 * @return the message, or {@code null} when the entry is not a message (no namespace, unknown type)
	 * @throws IllegalArgumentException if the data cannot be decoded
	 */
	public @Nullable ClusterMessage fromStreamFields(Map<String, String> fields) {
		String nsp = fields.get("nsp");
		String uid = fields.get("uid");
		String type = fields.get("type");
		if (nsp == null || uid == null || type == null) {
			return null;
		}
		ClusterMessageType messageType = parseType(type);
		if (messageType == null) {
			return null;
		}
		String data = fields.get("data");
		JsonNode decoded = null;
		if (data != null) {
			decoded = data.startsWith("{") ? readJson(data) : MsgPack.decode(Base64.getDecoder().decode(data));
		}
		return new ClusterMessage(uid, nsp, messageType, asObject(decoded));
	}

	private JsonNode readJson(String data) {
		try {
			return this.mapper.readTree(data);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Invalid JSON data: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * @param message a message
	 * @return the MessagePack envelope {@code {type, data, uid, nsp}} published on a PUB/SUB channel
	 */
	public byte[] toEnvelope(ClusterMessage message) {
		return MsgPack.encode(envelope(message));
	}

	/** {@code {type, data, uid, nsp}}, in the order Node.js builds it. */
	private static ObjectNode envelope(ClusterMessage message) {
		ObjectNode envelope = JsonNodeFactory.instance.objectNode();
		envelope.put("type", message.type().code());
		if (message.data() != null) {
			envelope.set("data", message.data());
		}
		envelope.put("uid", message.uid());
		envelope.put("nsp", message.nsp());
		return envelope;
	}

	/**
	 * @param message a message
	 * @return the envelope {@code {type, data, uid, nsp}} as compact JSON, or as MessagePack when its data holds
	 * binary: what {@code @socket.io/redis-adapter}'s sharded mode publishes
	 */
	public byte[] toJsonUnlessBinary(ClusterMessage message) {
		ObjectNode data = message.data();
		if (data != null && message.type().mayCarryBinary() && PacketEncoder.containsBinary(data)) {
			return toEnvelope(message);
		}
		return this.writer.writeValueAsBytes(envelope(message));
	}

	/**
	 * @param bytes an envelope as JSON (its first byte is <code>{</code>) or as MessagePack (any other byte)
	 * @return the message, or {@code null} when it is not one
	 * @throws IllegalArgumentException if the bytes are neither
	 */
	public @Nullable ClusterMessage fromJsonOrEnvelope(byte[] bytes) {
		if (bytes.length > 0 && bytes[0] == '{') {
			try {
				return fromEnvelope(this.mapper.readTree(bytes));
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("Invalid JSON envelope: " + ex.getOriginalMessage(), ex);
			}
		}
		return fromEnvelope(bytes);
	}

	/**
	 * @param bytes a MessagePack envelope
	 * @return the message, or {@code null} when it is not one
	 * @throws IllegalArgumentException if the bytes are not MessagePack
	 */
	public @Nullable ClusterMessage fromEnvelope(byte[] bytes) {
		return fromEnvelope(MsgPack.decode(bytes));
	}

	private @Nullable ClusterMessage fromEnvelope(JsonNode envelope) {
		JsonNode uid = envelope.get("uid");
		JsonNode nsp = envelope.get("nsp");
		JsonNode type = envelope.get("type");
		if (uid == null || !uid.isString() || nsp == null || !nsp.isString() || type == null || !type.isNumber()) {
			return null;
		}
		ClusterMessageType messageType = ClusterMessageType.of(type.intValue());
		if (messageType == null) {
			return null;
		}
		return new ClusterMessage(uid.stringValue(), nsp.stringValue(), messageType, asObject(envelope.get("data")));
	}

	private static @Nullable ClusterMessageType parseType(String type) {
		try {
			return ClusterMessageType.of(Integer.parseInt(type));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable ObjectNode asObject(@Nullable JsonNode node) {
		return (node instanceof ObjectNode object) ? object : null;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
