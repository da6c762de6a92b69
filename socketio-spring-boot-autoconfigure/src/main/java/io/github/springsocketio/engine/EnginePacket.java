package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * An outbound Engine.IO packet, already encoded. Instances are immutable and meant to be shared: a broadcast encodes
 * its packet once and hands the same instance to every recipient's session.
 *
 * <p>A text packet holds its whole encoding, type digit included (e.g. {@code 4hello}), which is exactly what a
 * WebSocket text frame carries and what a polling payload joins with the record separator. A binary packet holds the
 * raw bytes of a message.
 */
public final class EnginePacket {

	static final byte OPEN = '0';

	static final byte CLOSE = '1';

	static final byte PING = '2';

	static final byte PONG = '3';

	static final byte MESSAGE = '4';

	static final byte UPGRADE = '5';

	static final byte NOOP = '6';

	static final EnginePacket CLOSE_PACKET = control(CLOSE);

	static final EnginePacket PING_PACKET = control(PING);

	static final EnginePacket NOOP_PACKET = control(NOOP);

	/** The answer to an Engine.IO v3 client's ping. */
	static final EnginePacket PONG_PACKET = control(PONG);

	static final EnginePacket PONG_PROBE = new EnginePacket("3probe".getBytes(StandardCharsets.US_ASCII), false);

	private final byte[] bytes;

	private final boolean binary;

	/** Whether compression may apply (the reference's per-packet {@code compress} option, true unless told). */
	private final boolean compress;

	/** The whole WebSocket frame carrying this packet, made once and shared by every recipient. */
	private volatile byte @Nullable [] webSocketFrame;

	private EnginePacket(byte[] bytes, boolean binary) {
		this(bytes, binary, true);
	}

	private EnginePacket(byte[] bytes, boolean binary, boolean compress) {
		this.bytes = bytes;
		this.binary = binary;
		this.compress = compress;
	}

	/**
	 * A text message.
	 * <pre>{@code session.send(EnginePacket.text("hello")); // on the wire: 4hello}</pre>
	 * @param message the text to send
	 * @return the packet
	 */
	public static EnginePacket text(String message) {
		byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[utf8.length + 1];
		frame[0] = MESSAGE;
		System.arraycopy(utf8, 0, frame, 1, utf8.length);
		return new EnginePacket(frame, false);
	}

	/**
	 * A text message whose encoding the caller has already written, message type digit {@code '4'} included, so that
	 * no further copy is made. The array is kept as is: do not change it afterwards.
	 * @param frame UTF-8 bytes starting with {@code '4'}
	 * @return the packet
	 * @throws IllegalArgumentException if the bytes do not start with the message type
	 */
	public static EnginePacket encodedText(byte[] frame) {
		if (frame.length == 0 || frame[0] != MESSAGE) {
			throw new IllegalArgumentException("An encoded Engine.IO message must start with '4'");
		}
		return new EnginePacket(frame, false);
	}

	/**
	 * A binary message. The array is kept as is: do not change it afterwards.
	 * @param data the bytes to send
	 * @return the packet
	 */
	public static EnginePacket binary(byte[] data) {
		return new EnginePacket(data, true);
	}

	static EnginePacket control(byte type) {
		return new EnginePacket(new byte[] { type }, false);
	}

	/**
	 * The open packet, a session's first: its id, what it may upgrade to, and the timings and size limit it must keep.
	 * @param sid the session id
	 * @param polling whether the session opened on polling: only then may it upgrade
	 * @param options the endpoint's options
	 * @return the packet
	 */
	static EnginePacket open(String sid, boolean polling, EngineIoOptions options) {
		boolean upgrades = polling && options.allowUpgrades() && options.transports().contains(Transport.WEBSOCKET);
		String json = "{\"sid\":\"" + sid + "\",\"upgrades\":" + (upgrades ? "[\"websocket\"]" : "[]")
				+ ",\"pingInterval\":" + options.pingInterval().toMillis() + ",\"pingTimeout\":"
				+ options.pingTimeout().toMillis() + ",\"maxPayload\":" + options.maxHttpBufferSize() + "}";
		byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[utf8.length + 1];
		frame[0] = OPEN;
		System.arraycopy(utf8, 0, frame, 1, utf8.length);
		return new EnginePacket(frame, false);
	}

	/** @return whether this is a binary message */
	public boolean isBinary() {
		return this.binary;
	}

	/**
	 * The same packet, never compressed: neither its WebSocket message nor a polling response that holds only packets
	 * like it, as the reference's {@code compress: false}. The bytes are shared, not copied.
	 * <pre>{@code session.send(EnginePacket.text(alreadyCompressedJson).uncompressed());}</pre>
	 * @return the packet without compression
	 */
	public EnginePacket uncompressed() {
		return this.compress ? new EnginePacket(this.bytes, this.binary, false) : this;
	}

	/** @return whether compression may apply to this packet (true unless made by {@link #uncompressed()}) */
	public boolean compress() {
		return this.compress;
	}

	/** @return the encoded size in bytes (the raw size for binary messages) */
	public int length() {
		return this.bytes.length;
	}

	/** @return the encoded bytes, shared: never modify them */
	byte[] bytes() {
		return this.bytes;
	}

	/**
	 * The complete server-to-client WebSocket frame (header and payload, unmasked) carrying this packet, encoded
	 * once: a broadcast then writes the same bytes to every recipient's channel, with no per-recipient encoding or
	 * copy. Two threads racing here compute the same bytes.
	 */
	byte[] webSocketFrame() {
		byte[] frame = this.webSocketFrame;
		if (frame == null) {
			frame = frame(this.binary ? OPCODE_BINARY : OPCODE_TEXT, this.bytes);
			this.webSocketFrame = frame;
		}
		return frame;
	}

	private static final int OPCODE_TEXT = 0x1;

	private static final int OPCODE_BINARY = 0x2;

	static byte[] frame(int opcode, byte[] payload) {
		int length = payload.length;
		int header = (length < 126) ? 2 : (length <= 0xFFFF) ? 4 : 10;
		byte[] frame = new byte[header + length];
		frame[0] = (byte) (0x80 | opcode);
		if (length < 126) {
			frame[1] = (byte) length;
		}
		else if (length <= 0xFFFF) {
			frame[1] = 126;
			frame[2] = (byte) (length >>> 8);
			frame[3] = (byte) length;
		}
		else {
			frame[1] = 127;
			long size = length;
			for (int i = 0; i < 8; i++) {
				frame[2 + i] = (byte) (size >>> (56 - 8 * i));
			}
		}
		System.arraycopy(payload, 0, frame, header, length);
		return frame;
	}

	boolean isClose() {
		return !this.binary && this.bytes.length == 1 && this.bytes[0] == CLOSE;
	}

	@Override
	public String toString() {
		return this.binary ? "<binary " + this.bytes.length + " bytes>" : new String(this.bytes, StandardCharsets.UTF_8);
	}

}
