package io.github.springsocketio.protocol;

import io.github.springsocketio.engine.EngineMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads socket.io-msgpack-parser packets: one binary message each, a MessagePack map checked as that parser checks
 * it (type 0 to 4, a string namespace, data of the type's shape, an integer id), and the event checks of the default
 * parser. Keeps nothing between messages: thread-safe.
 */
final class MsgPackPacketDecoder implements PacketReader {

	private final JsonLimits limits;

	/** The depth limit of the data, one level more for the packet's map around it. */
	private final int maxDepth;

	MsgPackPacketDecoder(JsonLimits limits) {
		this.limits = limits;
		int depth = limits.maxNestingDepth();
		this.maxDepth = (depth == Integer.MAX_VALUE) ? depth : depth + 1;
	}

	@Override
	public Packet read(EngineMessage message) {
		if (!message.binary()) {
			throw new InvalidPacketException("a text message, where the msgpack parser expects binary ones");
		}
		return decode(message.data());
	}

	@Override
	public long bufferedBytes() {
		return 0;
	}

	/**
	 * Decodes one packet.
	 * @param bytes the binary message
	 * @return the packet
	 * @throws InvalidPacketException if it is not a valid packet
	 */
	Packet decode(byte[] bytes) {
		if (bytes.length > this.limits.maxDocumentLength()) {
			throw new PacketLimitException(PacketLimitException.JSON_DOCUMENT_LENGTH,
					"packet longer than " + this.limits.maxDocumentLength() + " bytes");
		}
		JsonNode map;
		try {
			map = MsgPack.decode(bytes, this.maxDepth, this.limits.maxStringLength());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPacketException("invalid MessagePack");
		}
		if (!map.isObject()) {
			throw new InvalidPacketException("invalid packet type");
		}
		PacketType type = type(map.get("type"));
		JsonNode namespace = map.get("nsp");
		if (namespace == null || !namespace.isString()) {
			throw new InvalidPacketException("invalid namespace");
		}
		JsonNode data = map.get("data");
		PacketDecoder.checkPayload(type, data);
		return new Packet(type, namespace.stringValue(), data, id(map.get("id")));
	}

	private static PacketType type(@Nullable JsonNode type) {
		if (type != null && type.isIntegralNumber() && type.canConvertToInt() && type.intValue() >= 0
				&& type.intValue() <= PacketType.CONNECT_ERROR.ordinal()) {
			return PacketType.values()[type.intValue()];
		}
		throw new InvalidPacketException("invalid packet type");
	}

	private static long id(@Nullable JsonNode id) {
		if (id == null) {
			return Packet.NO_ID;
		}
		// Packet.NO_ID is negative, and JavaScript numbers are exact up to 2^53
		if (id.isIntegralNumber() && id.canConvertToLong() && id.longValue() >= 0 && id.longValue() <= (1L << 53)) {
			return id.longValue();
		}
		throw new InvalidPacketException("invalid packet id");
	}

}
