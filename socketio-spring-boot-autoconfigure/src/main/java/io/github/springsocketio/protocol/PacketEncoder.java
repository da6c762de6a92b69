package io.github.springsocketio.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.engine.EnginePacket;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * Encodes Socket.IO packets into the Engine.IO packets that carry them: one text message
 * {@code 4<type>[<n>-][<nsp>,][<id>]<json>}, then one binary message per attachment. Thread-safe; a broadcast is
 * encoded once and the result shared by every recipient.
 */
public final class PacketEncoder {

	private final JsonMapper mapper;

	/** The mapper's factory with buffers recycled per event loop ({@link EventLoopRecyclerPool}). */
	private final JsonFactory writingFactory;

	/**
	 * @param mapper the application's JSON mapper
	 */
	public PacketEncoder(JsonMapper mapper) {
		this.mapper = mapper;
		this.writingFactory = mapper.tokenStreamFactory().rebuild().recyclerPool(EventLoopRecyclerPool.INSTANCE).build();
	}

	/**
	 * Encodes a packet.
	 * <pre>{@code
	 * List<EnginePacket> frames = encoder.encode(new Packet(PacketType.EVENT, "/chat", args, Packet.NO_ID));
	 * }</pre>
	 * @param packet the packet; binary values anywhere in its data become attachments
	 * @return the text packet followed by the attachments, immutable
	 */
	public List<EnginePacket> encode(Packet packet) {
		JsonNode data = packet.data();
		PacketType type = packet.type();
		List<byte[]> attachments = List.of();
		if (data != null && (type == PacketType.EVENT || type == PacketType.ACK || type.isBinary())) {
			attachments = new ArrayList<>(0);
			if (containsBinary(data)) {
				data = withPlaceholders(data, attachments);
			}
			if (!attachments.isEmpty()) {
				type = (type == PacketType.EVENT || type == PacketType.BINARY_EVENT) ? PacketType.BINARY_EVENT
						: PacketType.BINARY_ACK;
			}
			else if (type.isBinary()) {
				type = (type == PacketType.BINARY_EVENT) ? PacketType.EVENT : PacketType.ACK;
			}
		}
		ByteSink out = new ByteSink(64);
		out.write('4');
		out.write(type.digit());
		if (!attachments.isEmpty()) {
			out.writeLong(attachments.size());
			out.write('-');
		}
		if (!"/".equals(packet.namespace())) {
			out.writeUtf8(packet.namespace());
			out.write(',');
		}
		if (packet.hasId()) {
			out.writeLong(packet.id());
		}
		if (data != null) {
			// the mapper serializes (POJO values with the application's modules) into a generator of the wire's
			// strict JSON, as the decoder reads it
			try (JsonGenerator generator = this.writingFactory.createGenerator(ObjectWriteContext.empty(), out)) {
				this.mapper.writeValue(generator, data);
			}
		}
		EnginePacket text = EnginePacket.encodedText(out.toByteArray());
		if (attachments.isEmpty()) {
			return List.of(text);
		}
		List<EnginePacket> packets = new ArrayList<>(attachments.size() + 1);
		packets.add(text);
		for (byte[] attachment : attachments) {
			packets.add(EnginePacket.binary(attachment));
		}
		return List.copyOf(packets);
	}

	/**
	 * Whether a tree holds binary data anywhere.
	 * @param node the tree
	 * @return whether a {@code BinaryNode} is in it
	 */
	public static boolean containsBinary(JsonNode node) {
		if (binaryValue(node) != null) {
			return true;
		}
		if (node.isContainer()) {
			for (JsonNode child : node) {
				if (containsBinary(child)) {
					return true;
				}
			}
		}
		return false;
	}

	/** Copies the tree with each binary value replaced by a placeholder, depth first, as socket.io-parser does. */
	private static JsonNode withPlaceholders(JsonNode node, List<byte[]> attachments) {
		byte[] binary = binaryValue(node);
		if (binary != null) {
			ObjectNode placeholder = JsonNodeFactory.instance.objectNode();
			placeholder.put("_placeholder", true);
			placeholder.put("num", attachments.size());
			attachments.add(binary);
			return placeholder;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
			for (JsonNode element : node) {
				copy.add(withPlaceholders(element, attachments));
			}
			return copy;
		}
		if (node.isObject()) {
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				copy.set(property.getKey(), withPlaceholders(property.getValue(), attachments));
			}
			return copy;
		}
		return node;
	}

	/** The bytes of a binary node, or of a POJO node wrapping a {@code byte[]} (what {@code valueToTree} makes). */
	private static byte @Nullable [] binaryValue(JsonNode node) {
		if (node.isBinary()) {
			return node.binaryValue();
		}
		if (node instanceof POJONode pojo && pojo.getPojo() instanceof byte[] bytes) {
			return bytes;
		}
		return null;
	}

}
