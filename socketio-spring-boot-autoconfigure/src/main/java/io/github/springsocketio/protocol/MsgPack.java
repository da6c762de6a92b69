package io.github.springsocketio.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MessagePack for JSON trees, as the Node.js side writes it: the conventions of {@code @msgpack/msgpack} (the
 * adapters) and of {@code notepack.io} 2 (socket.io-msgpack-parser) alike. Integral numbers are written in their
 * smallest integer form, other numbers as float64, {@code byte[]} as bin, maps with string keys. On the way in, dates
 * (the timestamp extension, or notepack's fixext 8 of type 0) become ISO-8601 strings as {@code JSON.stringify}
 * writes them, notepack's {@code ArrayBuffer} (extension type 0) becomes binary, and its {@code undefined} (fixext 1
 * of type 0) is left out of maps and read as {@code null} elsewhere.
 */
public final class MsgPack {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final byte TIMESTAMP_EXTENSION = -1;

	/** notepack.io's extension type for {@code undefined} (length 1), {@code Date} (length 8) and ArrayBuffers. */
	private static final byte NOTEPACK_EXTENSION = 0;

	/** What an {@code undefined} decodes to before its container drops it or makes it null. */
	private static final JsonNode UNDEFINED = MissingNode.getInstance();

	private static final DateTimeFormatter JSON_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	/** The adapters' limits: Jackson's default depth, and strings as long as the data holds. */
	private static final Limits DEFAULT_LIMITS = new Limits(StreamReadConstraints.DEFAULT_MAX_DEPTH, Integer.MAX_VALUE);

	private MsgPack() {
	}

	/**
	 * @param value a JSON tree, binary values as {@code BinaryNode}
	 * @return its MessagePack encoding
	 */
	public static byte[] encode(JsonNode value) {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			pack(packer, value);
			return packer.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void pack(MessageBufferPacker packer, JsonNode value) throws IOException {
		switch (value.getNodeType()) {
			case OBJECT -> {
				packer.packMapHeader(value.size());
				for (Map.Entry<String, JsonNode> property : value.properties()) {
					packer.packString(property.getKey());
					pack(packer, property.getValue());
				}
			}
			case ARRAY -> {
				packer.packArrayHeader(value.size());
				for (JsonNode element : value) {
					pack(packer, element);
				}
			}
			case STRING -> packer.packString(value.stringValue());
			case BOOLEAN -> packer.packBoolean(value.booleanValue());
			case NUMBER -> packNumber(packer, value);
			case BINARY -> {
				byte[] bytes = value.binaryValue();
				packer.packBinaryHeader(bytes.length);
				packer.writePayload(bytes);
			}
			case POJO -> {
				Object pojo = ((tools.jackson.databind.node.POJONode) value).getPojo();
				if (pojo instanceof byte[] bytes) {
					packer.packBinaryHeader(bytes.length);
					packer.writePayload(bytes);
				}
				else {
					packer.packString(String.valueOf(pojo));
				}
			}
			default -> packer.packNil();
		}
	}

	private static void packNumber(MessageBufferPacker packer, JsonNode value) throws IOException {
		if (value.isIntegralNumber()) {
			if (value.canConvertToLong()) {
				packer.packLong(value.longValue());
			}
			else {
				packer.packBigInteger(value.bigIntegerValue());
			}
			return;
		}
		double number = value.doubleValue();
		if (number == Math.rint(number) && !Double.isInfinite(number) && Math.abs(number) < 0x1p53) {
			// JavaScript has one number type: an integral value is encoded as an integer there too
			packer.packLong((long) number);
		}
		else {
			packer.packDouble(number);
		}
	}

	/**
	 * @param bytes MessagePack data holding one value and nothing after it
	 * @return the value as a JSON tree, binary as {@code BinaryNode}, {@code null} for a top-level {@code undefined}
	 * @throws IllegalArgumentException if the data is not valid MessagePack, is followed by more data, or is nested
	 * deeper than Jackson's default limit (500)
	 */
	public static JsonNode decode(byte[] bytes) {
		try {
			JsonNode value = decode(bytes, DEFAULT_LIMITS);
			return value.isMissingNode() ? NODES.nullNode() : value;
		}
		catch (LimitException ex) {
			throw new IllegalArgumentException("Invalid MessagePack data: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Decodes what a client sent, within the limits on its packets.
	 * @param bytes MessagePack data holding one value and nothing after it
	 * @param maxDepth the deepest nesting of arrays and maps
	 * @param maxStringLength the longest string (or map key), in characters
	 * @return the value as a JSON tree, binary as {@code BinaryNode}, or a {@code MissingNode} for a top-level
	 * {@code undefined}
	 * @throws PacketLimitException if the value is nested too deep or holds a string too long
	 * @throws IllegalArgumentException if the data is not valid MessagePack
	 */
	static JsonNode decode(byte[] bytes, int maxDepth, int maxStringLength) {
		try {
			return decode(bytes, new Limits(maxDepth, maxStringLength));
		}
		catch (LimitException ex) {
			throw new PacketLimitException(ex.limit, "payload past a limit: " + ex.getMessage());
		}
	}

	private static JsonNode decode(byte[] bytes, Limits limits) {
		try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
			JsonNode value = unpack(unpacker, bytes.length, 0, limits);
			if (unpacker.hasNext()) {
				throw new IOException("data after the value");
			}
			return value;
		}
		catch (LimitException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("Invalid MessagePack data: " + ex.getMessage(), ex);
		}
	}

	private static JsonNode unpack(MessageUnpacker unpacker, int total, int depth, Limits limits) throws IOException {
		MessageFormat format = unpacker.getNextFormat();
		switch (format.getValueType()) {
			case NIL -> {
				unpacker.unpackNil();
				return NODES.nullNode();
			}
			case BOOLEAN -> {
				return NODES.booleanNode(unpacker.unpackBoolean());
			}
			case INTEGER -> {
				if (format == MessageFormat.UINT64) {
					BigInteger big = unpacker.unpackBigInteger();
					return (big.bitLength() < 64) ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
				}
				long number = unpacker.unpackLong();
				return (number == (int) number) ? NODES.numberNode((int) number) : NODES.numberNode(number);
			}
			case FLOAT -> {
				return NODES.numberNode(unpacker.unpackDouble());
			}
			case STRING -> {
				return NODES.stringNode(string(unpacker, total, limits));
			}
			case BINARY -> {
				return NODES.binaryNode(unpacker.readPayload(declared(unpacker, unpacker.unpackBinaryHeader(), total)));
			}
			case ARRAY -> {
				int length = declared(unpacker, unpacker.unpackArrayHeader(), total);
				nested(depth, limits);
				ArrayNode array = NODES.arrayNode(length);
				for (int i = 0; i < length; i++) {
					JsonNode element = unpack(unpacker, total, depth + 1, limits);
					// JSON.stringify writes an undefined element as null too
					array.add(element.isMissingNode() ? NODES.nullNode() : element);
				}
				return array;
			}
			case MAP -> {
				int length = declared(unpacker, unpacker.unpackMapHeader(), total);
				nested(depth, limits);
				ObjectNode object = NODES.objectNode();
				for (int i = 0; i < length; i++) {
					MessageFormat keyFormat = unpacker.getNextFormat();
					String name;
					if (keyFormat.getValueType() == ValueType.STRING) {
						name = string(unpacker, total, limits);
					}
					else if (keyFormat.getValueType() == ValueType.INTEGER
							|| keyFormat.getValueType() == ValueType.FLOAT) {
						name = unpack(unpacker, total, depth + 1, limits).toString();
					}
					else {
						// as in Node.js; written out as text, nested keys would double their escapes at every level
						throw new IOException("a map key must be a string or a number");
					}
					JsonNode value = unpack(unpacker, total, depth + 1, limits);
					if (!value.isMissingNode()) {
						// JSON.stringify leaves out an undefined property too
						object.set(name, value);
					}
				}
				return object;
			}
			case EXTENSION -> {
				return extension(unpacker, format, total);
			}
			default -> throw new IOException("unsupported MessagePack format " + format);
		}
	}

	private static JsonNode extension(MessageUnpacker unpacker, MessageFormat format, int total) throws IOException {
		ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
		if (header.getType() == TIMESTAMP_EXTENSION) {
			return NODES.stringNode(JSON_DATE.format(unpacker.unpackTimestamp(header)));
		}
		byte[] payload = unpacker.readPayload(declared(unpacker, header.getLength(), total));
		if (header.getType() != NOTEPACK_EXTENSION) {
			return NODES.nullNode();
		}
		return switch (format) {
			case FIXEXT1 -> UNDEFINED;
			case FIXEXT8 -> NODES.stringNode(JSON_DATE.format(Instant.ofEpochMilli(ByteBuffer.wrap(payload).getLong())));
			case EXT8, EXT16, EXT32 -> NODES.binaryNode(payload);
			default -> NODES.nullNode();
		};
	}

	private static void nested(int depth, Limits limits) {
		if (depth >= limits.depth) {
			throw new LimitException(PacketLimitException.JSON_NESTING_DEPTH, "nested deeper than " + limits.depth);
		}
	}

	private static String string(MessageUnpacker unpacker, int total, Limits limits) throws IOException {
		int length = declared(unpacker, unpacker.unpackRawStringHeader(), total);
		String string = new String(unpacker.readPayload(length), StandardCharsets.UTF_8);
		if (string.length() > limits.stringLength) {
			throw new LimitException(PacketLimitException.JSON_STRING_LENGTH,
					"a string longer than " + limits.stringLength + " characters");
		}
		return string;
	}

	/**
	 * A declared length (of bytes, or of elements: each takes one byte at least) that the rest of the data can hold;
	 * anything larger is refused before space is made for it.
	 */
	private static int declared(MessageUnpacker unpacker, int length, int total) throws IOException {
		if (length > total - unpacker.getTotalReadBytes()) {
			throw new IOException("declared length " + length + " beyond the end of the data");
		}
		return length;
	}

	/** How deep values may nest and how long strings may be. */
	private record Limits(int depth, int stringLength) {
	}

	/** A limit was passed: an unchecked exception that is not an {@code IllegalArgumentException}. */
	private static final class LimitException extends RuntimeException {

		private final String limit;

		LimitException(String limit, String message) {
			super(message, null, false, false);
			this.limit = limit;
		}

	}

}
