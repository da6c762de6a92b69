package io.github.springsocketio.engine;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/**
 * The Engine.IO v4 polling payload: packets joined by the record separator {@code 0x1E}, binary messages as
 * {@code b} followed by standard base64.
 */
final class PollingPayload {

	static final byte SEPARATOR = 0x1E;

	private static final byte BINARY_PREFIX = 'b';

	private PollingPayload() {
	}

	/**
	 * Encodes packets into one response body, wrapping the packets' shared bytes rather than copying them.
	 */
	static ByteBuf encode(List<EnginePacket> packets) {
		if (packets.size() == 1 && !packets.get(0).isBinary()) {
			return Unpooled.wrappedBuffer(packets.get(0).bytes());
		}
		ByteBuf[] parts = new ByteBuf[packets.size() * 2 - 1];
		for (int i = 0; i < packets.size(); i++) {
			if (i > 0) {
				parts[i * 2 - 1] = Unpooled.wrappedBuffer(new byte[] { SEPARATOR });
			}
			EnginePacket packet = packets.get(i);
			parts[i * 2] = Unpooled.wrappedBuffer(packet.isBinary() ? base64(packet.bytes()) : packet.bytes());
		}
		return Unpooled.wrappedBuffer(parts);
	}

	/** {@code b} and the standard base64 of the data: a binary message in a text encoding. */
	static byte[] base64(byte[] data) {
		byte[] encoded = Base64.getEncoder().encode(data);
		byte[] withPrefix = new byte[encoded.length + 1];
		withPrefix[0] = BINARY_PREFIX;
		System.arraycopy(encoded, 0, withPrefix, 1, encoded.length);
		return withPrefix;
	}

	/**
	 * Decodes a request body into its packets, stopping at the first one that cannot be decoded.
	 */
	static Decoded decode(byte[] body) {
		List<InboundPacket> packets = new ArrayList<>(2);
		int start = 0;
		for (int i = 0; i <= body.length; i++) {
			if (i == body.length || body[i] == SEPARATOR) {
				try {
					packets.add(decodeOne(body, start, i - start));
				}
				catch (InboundPacket.InvalidPacketException ex) {
					return new Decoded(packets, ex.getMessage());
				}
				start = i + 1;
			}
		}
		return new Decoded(packets, null);
	}

	/**
	 * The packets of a body up to the first one that cannot be decoded, as Node.js delivers them.
	 * @param packets the valid packets before any invalid one
	 * @param error what was wrong with the first invalid packet, or {@code null}
	 */
	record Decoded(List<InboundPacket> packets, @Nullable String error) {
	}

	/** Decodes one packet: {@code b} and base64 for a binary message, else a text packet. */
	static InboundPacket decodeOne(byte[] body, int offset, int length) {
		if (length > 0 && body[offset] == BINARY_PREFIX) {
			try {
				byte[] encoded = new byte[length - 1];
				System.arraycopy(body, offset + 1, encoded, 0, length - 1);
				// lenient as Node.js: line breaks are skipped (the Java client ends its base64 with one)
				return InboundPacket.binaryMessage(Base64.getMimeDecoder().decode(encoded));
			}
			catch (IllegalArgumentException ex) {
				throw new InboundPacket.InvalidPacketException("invalid base64 binary packet");
			}
		}
		return InboundPacket.decodeText(body, offset, length);
	}

}
