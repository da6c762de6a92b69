package io.github.springsocketio.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.engine.EngineMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes the Socket.IO packets of one connection, reassembling binary packets from their attachments. One instance
 * per connection, used from one thread at a time. Every violation throws {@link InvalidPacketException}; the caller
 * then closes the connection, as the reference server does.
 */
public final class PacketDecoder implements PacketReader {

	/** socket.io-parser's default limit on attachments per packet. */
	public static final int DEFAULT_MAX_ATTACHMENTS = 10;

	private static final int MAX_ID_DIGITS = 15;

	private final JsonMapper mapper;

	private final JsonFactory factory;

	private final int maxAttachments;

	private final long maxPacketBytes;

	private @Nullable Packet pending;

	/** The bytes of the pending binary packet so far: its text and the attachments received. */
	private long pendingBytes;

	private int expectedAttachments;

	private final List<byte[]> attachments = new ArrayList<>(0);

	/**
	 * @param mapper the application's JSON mapper
	 * @param maxAttachments the most attachments a packet may announce
	 */
	public PacketDecoder(JsonMapper mapper, int maxAttachments) {
		this(mapper, JsonLimits.defaults().readingFactory(mapper), maxAttachments, Long.MAX_VALUE);
	}

	/**
	 * @param mapper the application's JSON mapper, which builds the payloads' trees
	 * @param readingFactory the factory that parses payloads within their limits,
	 * {@link JsonLimits#readingFactory(JsonMapper)}: one for every connection
	 * @param maxAttachments the most attachments a packet may announce
	 * @param maxPacketBytes the most bytes a binary packet may hold, its text and all its attachments together
	 */
	public PacketDecoder(JsonMapper mapper, JsonFactory readingFactory, int maxAttachments, long maxPacketBytes) {
		this.mapper = mapper;
		this.factory = readingFactory;
		this.maxAttachments = maxAttachments;
		this.maxPacketBytes = maxPacketBytes;
	}

	@Override
	public @Nullable Packet read(EngineMessage message) {
		return message.binary() ? decodeAttachment(message.data()) : decode(message.data());
	}

	/** @return the bytes held for a binary packet still waiting for attachments, 0 when none waits */
	@Override
	public long bufferedBytes() {
		return this.pendingBytes;
	}

	/** @return whether a binary packet still waits for attachments */
	public boolean awaitingAttachments() {
		return this.pending != null;
	}

	/**
	 * Decodes a text message.
	 * @param text the UTF-8 bytes of the message (without the Engine.IO type)
	 * @return the packet, or {@code null} when it is a binary packet whose attachments are still to come
	 * @throws InvalidPacketException if the message is not a valid packet
	 */
	public @Nullable Packet decode(byte[] text) {
		if (this.pending != null) {
			throw new InvalidPacketException("got a text packet while waiting for binary attachments");
		}
		if (text.length == 0) {
			throw new InvalidPacketException("empty packet");
		}
		PacketType type = PacketType.fromDigit(text[0]);
		if (type == null) {
			throw new InvalidPacketException("unknown packet type");
		}
		int i = 1;
		int attachmentCount = 0;
		if (type.isBinary()) {
			int start = i;
			while (i < text.length && text[i] != '-') {
				if (!isDigit(text[i]) || i - start > 6) {
					throw new InvalidPacketException("illegal attachments");
				}
				i++;
			}
			if (i == start || i == text.length) {
				throw new InvalidPacketException("illegal attachments");
			}
			attachmentCount = Integer.parseInt(new String(text, start, i - start, StandardCharsets.US_ASCII));
			if (attachmentCount < 1) {
				throw new InvalidPacketException("illegal attachments");
			}
			if (attachmentCount > this.maxAttachments) {
				throw new PacketLimitException(PacketLimitException.ATTACHMENTS, "too many attachments");
			}
			i++;
		}
		String namespace = "/";
		if (i < text.length && text[i] == '/') {
			int start = i;
			while (i < text.length && text[i] != ',') {
				i++;
			}
			namespace = new String(text, start, i - start, StandardCharsets.UTF_8);
			if (i < text.length) {
				i++;
			}
		}
		long id = Packet.NO_ID;
		if (i < text.length && isDigit(text[i])) {
			int start = i;
			while (i < text.length && isDigit(text[i])) {
				i++;
			}
			if (i - start > MAX_ID_DIGITS) {
				throw new InvalidPacketException("invalid ack id");
			}
			id = Long.parseLong(new String(text, start, i - start, StandardCharsets.US_ASCII));
		}
		JsonNode data = null;
		if (i < text.length) {
			data = readPayload(text, i);
		}
		checkPayload(type, data);
		Packet packet = new Packet(type, namespace, data, id);
		if (!type.isBinary()) {
			return packet;
		}
		this.pending = packet;
		this.expectedAttachments = attachmentCount;
		this.pendingBytes = text.length;
		return null;
	}

	/** Reads one JSON value, the rest of the message, through the factory that enforces the limits. */
	private JsonNode readPayload(byte[] text, int offset) {
		int length = text.length - offset;
		try (JsonParser parser = this.factory.createParser(JsonLimits.readContext(), text, offset, length)) {
			JsonNode data = this.mapper.readTree(parser);
			if (data == null || data.isMissingNode() || parser.nextToken() != null) {
				throw new InvalidPacketException("invalid payload");
			}
			return data;
		}
		catch (StreamConstraintsException ex) {
			throw new PacketLimitException(JsonLimits.limitOf(ex), "payload past a limit: " + ex.getOriginalMessage());
		}
		catch (JacksonException ex) {
			throw new InvalidPacketException("invalid payload");
		}
	}

	/**
	 * Decodes a binary message: the next attachment of the pending binary packet.
	 * @param data the bytes
	 * @return the completed packet (as {@link PacketType#EVENT} or {@link PacketType#ACK}), or {@code null} while
	 * more attachments are due
	 * @throws InvalidPacketException if no binary packet is pending, a placeholder is invalid, or the packet grows
	 * past the most bytes allowed
	 */
	public @Nullable Packet decodeAttachment(byte[] data) {
		Packet packet = this.pending;
		if (packet == null) {
			throw new InvalidPacketException("got a binary attachment without a binary packet");
		}
		if (this.pendingBytes + data.length > this.maxPacketBytes) {
			// counted before it is kept: a packet announcing many attachments cannot hold more than the limit
			clearPending();
			throw new InvalidPacketException("binary packet larger than " + this.maxPacketBytes + " bytes");
		}
		this.pendingBytes += data.length;
		this.attachments.add(data);
		if (this.attachments.size() < this.expectedAttachments) {
			return null;
		}
		try {
			JsonNode reconstructed = reconstruct(packet.data());
			PacketType type = (packet.type() == PacketType.BINARY_EVENT) ? PacketType.EVENT : PacketType.ACK;
			return new Packet(type, packet.namespace(), reconstructed, packet.id());
		}
		finally {
			clearPending();
		}
	}

	private void clearPending() {
		this.pending = null;
		this.pendingBytes = 0;
		this.attachments.clear();
	}

	private @Nullable JsonNode reconstruct(@Nullable JsonNode node) {
		if (node == null) {
			return null;
		}
		if (node.isObject()) {
			JsonNode marker = node.get("_placeholder");
			if (marker != null && marker.isBoolean() && marker.booleanValue()) {
				JsonNode num = node.get("num");
				if (num == null || !num.isIntegralNumber() || !num.canConvertToInt() || num.intValue() < 0
						|| num.intValue() >= this.attachments.size()) {
					throw new InvalidPacketException("illegal attachments");
				}
				return BinaryNode.valueOf(this.attachments.get(num.intValue()));
			}
			ObjectNode object = (ObjectNode) node;
			for (String name : List.copyOf(object.propertyNames())) {
				object.set(name, reconstruct(object.get(name)));
			}
			return object;
		}
		if (node.isArray()) {
			ArrayNode array = (ArrayNode) node;
			for (int i = 0; i < array.size(); i++) {
				array.set(i, reconstruct(array.get(i)));
			}
			return array;
		}
		return node;
	}

	static void checkPayload(PacketType type, @Nullable JsonNode data) {
		boolean valid = switch (type) {
			case CONNECT -> data == null || data.isObject();
			case DISCONNECT -> data == null;
			case CONNECT_ERROR -> data != null && (data.isObject() || data.isString());
			case EVENT, BINARY_EVENT -> data != null && data.isArray() && !data.isEmpty() && isEventName(data.get(0));
			case ACK, BINARY_ACK -> data != null && data.isArray();
		};
		if (!valid) {
			throw new InvalidPacketException("invalid payload");
		}
	}

	private static boolean isEventName(JsonNode name) {
		return name.isNumber() || (name.isString() && !ReservedEvents.isReserved(name.stringValue()));
	}

	private static boolean isDigit(byte b) {
		return b >= '0' && b <= '9';
	}

}
