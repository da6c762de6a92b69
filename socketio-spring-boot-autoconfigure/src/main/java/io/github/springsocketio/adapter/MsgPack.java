package io.github.springsocketio.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Map;

import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * MessagePack for JSON trees, with the conventions of {@code @msgpack/msgpack} that the Node.js adapters use:
 * integral numbers in their smallest integer form, other numbers as float64, {@code byte[]} as bin, maps with string
 * keys. The timestamp extension is read as an ISO-8601 string.
 */
public final class MsgPack {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final byte TIMESTAMP_EXTENSION = -1;

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

	private static void pack(MessageBufferPacker packer, JsonNode value) throws IOException {
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
	 * @param bytes MessagePack data holding one value
	 * @return the value as a JSON tree, binary as {@code BinaryNode}
	 * @throws IllegalArgumentException if the data is not valid MessagePack
	 */
	public static JsonNode decode(byte[] bytes) {
		try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
			return unpack(unpacker, bytes.length, 0);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException("Invalid MessagePack data: " + ex.getMessage(), ex);
		}
	}

	private static JsonNode unpack(MessageUnpacker unpacker, int total, int depth) throws IOException {
		if (depth > StreamReadConstraints.DEFAULT_MAX_DEPTH) {
			throw new IOException("nested deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH);
		}
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
				return NODES.stringNode(unpacker.unpackString());
			}
			case BINARY -> {
				return NODES.binaryNode(unpacker.readPayload(declared(unpacker, unpacker.unpackBinaryHeader(), total)));
			}
			case ARRAY -> {
				int length = declared(unpacker, unpacker.unpackArrayHeader(), total);
				ArrayNode array = NODES.arrayNode(length);
				for (int i = 0; i < length; i++) {
					array.add(unpack(unpacker, total, depth + 1));
				}
				return array;
			}
			case MAP -> {
				int length = declared(unpacker, unpacker.unpackMapHeader(), total);
				ObjectNode object = NODES.objectNode();
				for (int i = 0; i < length; i++) {
					JsonNode key = unpack(unpacker, total, depth + 1);
					if (!key.isString() && !key.isNumber()) {
						// as in Node.js; written out as text, nested keys would double their escapes at every level
						throw new IOException("a map key must be a string or a number");
					}
					object.set(key.isString() ? key.stringValue() : key.toString(), unpack(unpacker, total, depth + 1));
				}
				return object;
			}
			case EXTENSION -> {
				ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
				if (header.getType() == TIMESTAMP_EXTENSION) {
					return NODES.stringNode(unpacker.unpackTimestamp(header).toString());
				}
				unpacker.readPayload(declared(unpacker, header.getLength(), total));
				return NODES.nullNode();
			}
			default -> throw new IOException("unsupported MessagePack format " + format);
		}
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

}
