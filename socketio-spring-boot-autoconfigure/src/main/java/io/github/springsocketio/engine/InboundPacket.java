package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;

/**
 * One decoded packet from a client: its type and its payload without the type character.
 */
record InboundPacket(byte type, byte[] data, boolean binary) {

	private static final byte[] PROBE = "probe".getBytes(StandardCharsets.US_ASCII);

	static InboundPacket binaryMessage(byte[] data) {
		return new InboundPacket(EnginePacket.MESSAGE, data, true);
	}

	/**
	 * Decodes a text packet: a type digit followed by its data.
	 * @param bytes the UTF-8 bytes of the packet
	 * @param offset where the packet starts
	 * @param length how long it is
	 * @return the packet
	 * @throws InvalidPacketException if the type is not one of {@code 0}-{@code 6}
	 */
	static InboundPacket decodeText(byte[] bytes, int offset, int length) {
		if (length == 0) {
			throw new InvalidPacketException("empty packet");
		}
		byte type = bytes[offset];
		if (type < EnginePacket.OPEN || type > EnginePacket.NOOP) {
			throw new InvalidPacketException("unknown packet type");
		}
		byte[] data = new byte[length - 1];
		System.arraycopy(bytes, offset + 1, data, 0, length - 1);
		return new InboundPacket(type, data, false);
	}

	/**
	 * Decodes a text packet straight from a received buffer, copying its data once.
	 * @throws InvalidPacketException if the type is not one of {@code 0}-{@code 6}
	 */
	static InboundPacket decodeText(io.netty.buffer.ByteBuf content) {
		int length = content.readableBytes();
		if (length == 0) {
			throw new InvalidPacketException("empty packet");
		}
		byte type = content.getByte(content.readerIndex());
		if (type < EnginePacket.OPEN || type > EnginePacket.NOOP) {
			throw new InvalidPacketException("unknown packet type");
		}
		byte[] data = new byte[length - 1];
		content.getBytes(content.readerIndex() + 1, data);
		return new InboundPacket(type, data, false);
	}

	boolean isProbe() {
		return java.util.Arrays.equals(this.data, PROBE);
	}

	/** A packet that breaks the Engine.IO encoding; the session that sent it is closed. */
	static final class InvalidPacketException extends RuntimeException {

		InvalidPacketException(String message) {
			super(message, null, false, false);
		}

	}

}
