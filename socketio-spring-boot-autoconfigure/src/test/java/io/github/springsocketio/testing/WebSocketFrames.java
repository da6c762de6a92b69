package io.github.springsocketio.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes and reads RFC 6455 frames byte by byte, for raw test clients that must send frames a WebSocket library
 * refuses to (reserved bits, bad opcodes, invalid UTF-8) and see exactly what the server answers.
 */
public final class WebSocketFrames {

	private WebSocketFrames() {
	}

	/**
	 * A frame from the server (never masked).
	 * @param opcode the opcode
	 * @param payload the payload
	 * @param rsv the reserved bits, e.g. {@code 4} (RSV1) for a message compressed with permessage-deflate
	 */
	public record Frame(int opcode, byte[] payload, int rsv) {

		public static final int TEXT = 0x1;

		public static final int BINARY = 0x2;

		public static final int CLOSE = 0x8;

		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		/** @return the status code of a close frame, {@code 1005} when it has none */
		public int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xff) << 8) | (this.payload[1] & 0xff) : 1005;
		}

		@Override
		public String toString() {
			return (this.opcode == CLOSE) ? "close " + closeCode() : "opcode " + this.opcode + " '" + text() + "'";
		}

	}

	/**
	 * Encodes a masked frame with any bytes, valid or not.
	 * @param firstByte the FIN and RSV bits and the opcode, e.g. {@code 0x81} for a final text frame
	 * @param payload the payload, before masking
	 * @return the frame's bytes
	 */
	public static byte[] masked(int firstByte, byte[] payload) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write(firstByte);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length <= 0xffff) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xff);
		}
		else {
			frame.write(0x80 | 127);
			writeLong(frame, payload.length);
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.writeBytes(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		return frame.toByteArray();
	}

	/**
	 * Encodes only the head of a masked frame announcing a payload of that length, for a server that refuses it by
	 * the length alone.
	 */
	public static byte[] maskedHead(int firstByte, long payloadLength) {
		ByteArrayOutputStream head = new ByteArrayOutputStream(14);
		head.write(firstByte);
		head.write(0x80 | 127);
		writeLong(head, payloadLength);
		head.writeBytes(new byte[4]);
		return head.toByteArray();
	}

	private static void writeLong(ByteArrayOutputStream out, long value) {
		for (int shift = 56; shift >= 0; shift -= 8) {
			out.write((int) (value >>> shift) & 0xff);
		}
	}

	/** Reads one frame, blocking as the stream does. */
	public static Frame read(DataInputStream in) throws IOException {
		int first = in.readUnsignedByte();
		long length = in.readUnsignedByte() & 0x7f;
		if (length == 126) {
			length = in.readUnsignedShort();
		}
		else if (length == 127) {
			length = in.readLong();
		}
		byte[] payload = new byte[Math.toIntExact(length)];
		in.readFully(payload);
		return new Frame(first & 0x0f, payload, (first >> 4) & 0x07);
	}

}
