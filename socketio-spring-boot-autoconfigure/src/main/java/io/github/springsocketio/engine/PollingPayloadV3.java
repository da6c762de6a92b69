package io.github.springsocketio.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.netty.buffer.Unpooled;

/**
 * The Engine.IO v3 polling payload, for Socket.IO 2.x clients: as text, each packet prefixed by its length in UTF-16
 * code units and a colon, binary messages as {@code b4} and base64; as binary (for a client that can take binary and
 * when a response holds a binary message), each packet as a string or binary marker, its length in decimal digits
 * one byte each, {@code 0xFF}, then its bytes.
 */
final class PollingPayloadV3 {

	static final String OCTET_STREAM = "application/octet-stream";

	private static final byte STRING_MARKER = 0;

	private static final byte BINARY_MARKER = 1;

	private static final int LENGTH_END = 0xFF;

	/** More length digits than any body may hold: a longer length is not one (Node.js stops at 310). */
	private static final int MAX_DIGITS = 10;

	private PollingPayloadV3() {
	}

	/**
	 * Encodes packets into one response: a binary payload when the client takes binary and one of them is binary,
	 * else a text payload.
	 * @param packets the packets
	 * @param supportsBinary false when the client asked for base64 ({@code b64} in its query)
	 * @param compressible whether the response may be compressed
	 */
	static HttpReply encode(List<EnginePacket> packets, boolean supportsBinary, boolean compressible) {
		if (supportsBinary && anyBinary(packets)) {
			return new HttpReply(200, OCTET_STREAM, Unpooled.wrappedBuffer(encodeBinary(packets)), compressible);
		}
		StringBuilder text = new StringBuilder();
		for (EnginePacket packet : packets) {
			String encoded = packet.isBinary() ? base64(packet.bytes())
					: new String(packet.bytes(), StandardCharsets.UTF_8);
			text.append(encoded.length()).append(':').append(encoded);
		}
		return HttpReply.payload(Unpooled.wrappedBuffer(text.toString().getBytes(StandardCharsets.UTF_8)),
				compressible);
	}

	/** {@code b4} and the standard base64 of the data: a v3 binary message in a text encoding. */
	static String base64(byte[] data) {
		return "b4" + Base64.getEncoder().encodeToString(data);
	}

	private static boolean anyBinary(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			if (packet.isBinary()) {
				return true;
			}
		}
		return false;
	}

	private static byte[] encodeBinary(List<EnginePacket> packets) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (EnginePacket packet : packets) {
			byte[] bytes = packet.bytes();
			boolean binary = packet.isBinary();
			out.write(binary ? BINARY_MARKER : STRING_MARKER);
			String length = Integer.toString(binary ? bytes.length + 1 : bytes.length);
			for (int i = 0; i < length.length(); i++) {
				out.write(length.charAt(i) - '0');
			}
			out.write(LENGTH_END);
			if (binary) {
				out.write(EnginePacket.MESSAGE - '0');
			}
			out.writeBytes(bytes);
		}
		return out.toByteArray();
	}

	/**
	 * Decodes a POST body into its packets, stopping at the first that cannot be decoded.
	 * @param body the body
	 * @param binaryPayload whether it came as {@code application/octet-stream}
	 */
	static PollingPayload.Decoded decode(byte[] body, boolean binaryPayload) {
		return binaryPayload ? decodeBinary(body) : decodeText(new String(body, StandardCharsets.UTF_8));
	}

	private static PollingPayload.Decoded decodeText(String body) {
		List<InboundPacket> packets = new ArrayList<>(2);
		if (body.isEmpty()) {
			return new PollingPayload.Decoded(packets, "empty payload");
		}
		int i = 0;
		while (i < body.length()) {
			int colon = body.indexOf(':', i);
			int length = (colon > i && colon - i <= MAX_DIGITS) ? parseLength(body, i, colon) : -1;
			if (length < 0 || colon + 1 + length > body.length()) {
				return new PollingPayload.Decoded(packets, "invalid length");
			}
			String packet = body.substring(colon + 1, colon + 1 + length);
			if (!packet.isEmpty()) {
				try {
					packets.add(decodeTextPacket(packet));
				}
				catch (InboundPacket.InvalidPacketException ex) {
					return new PollingPayload.Decoded(packets, ex.getMessage());
				}
			}
			i = colon + 1 + length;
		}
		return new PollingPayload.Decoded(packets, null);
	}

	private static int parseLength(String body, int start, int end) {
		long length = 0;
		for (int i = start; i < end; i++) {
			char c = body.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			length = length * 10 + (c - '0');
		}
		return (length > Integer.MAX_VALUE) ? -1 : (int) length;
	}

	/**
	 * Decodes one v3 text packet: {@code b}, the type and base64 for a binary one, else a type digit and its data.
	 * @throws InboundPacket.InvalidPacketException if it is neither
	 */
	static InboundPacket decodeTextPacket(String packet) {
		if (packet.charAt(0) == 'b') {
			return decodeBase64(packet);
		}
		byte[] bytes = packet.getBytes(StandardCharsets.UTF_8);
		return InboundPacket.decodeText(bytes, 0, bytes.length);
	}

	private static InboundPacket decodeBase64(String packet) {
		if (packet.length() < 2 || packet.charAt(1) != EnginePacket.MESSAGE) {
			throw new InboundPacket.InvalidPacketException("invalid base64 binary packet");
		}
		try {
			// lenient as Node.js: line breaks are skipped
			return InboundPacket.binaryMessage(Base64.getMimeDecoder().decode(packet.substring(2)));
		}
		catch (IllegalArgumentException ex) {
			throw new InboundPacket.InvalidPacketException("invalid base64 binary packet");
		}
	}

	/**
	 * Decodes a binary frame of a v3 WebSocket: the packet type byte, then the data.
	 * @throws InboundPacket.InvalidPacketException if the type is not a message
	 */
	static InboundPacket decodeBinaryPacket(byte[] frame, int offset, int length) {
		if (length < 1 || frame[offset] != EnginePacket.MESSAGE - '0') {
			throw new InboundPacket.InvalidPacketException("binary packet that is not a message");
		}
		byte[] data = new byte[length - 1];
		System.arraycopy(frame, offset + 1, data, 0, length - 1);
		return InboundPacket.binaryMessage(data);
	}

	private static PollingPayload.Decoded decodeBinary(byte[] body) {
		List<InboundPacket> packets = new ArrayList<>(2);
		int i = 0;
		while (i < body.length) {
			boolean string = body[i] == STRING_MARKER;
			if (!string && body[i] != BINARY_MARKER) {
				return new PollingPayload.Decoded(packets, "invalid binary payload marker");
			}
			long length = 0;
			int digits = 0;
			int j = i + 1;
			while (j < body.length && (body[j] & 0xFF) != LENGTH_END) {
				int digit = body[j];
				if (digit < 0 || digit > 9 || ++digits > MAX_DIGITS) {
					return new PollingPayload.Decoded(packets, "invalid length");
				}
				length = length * 10 + digit;
				j++;
			}
			if (j == body.length || digits == 0 || j + 1 + length > body.length) {
				return new PollingPayload.Decoded(packets, "invalid length");
			}
			int start = j + 1;
			try {
				if (string) {
					String text = new String(body, start, (int) length, StandardCharsets.UTF_8);
					if (!text.isEmpty()) {
						packets.add(decodeTextPacket(text));
					}
				}
				else {
					packets.add(decodeBinaryPacket(body, start, (int) length));
				}
			}
			catch (InboundPacket.InvalidPacketException ex) {
				return new PollingPayload.Decoded(packets, ex.getMessage());
			}
			i = start + (int) length;
		}
		return new PollingPayload.Decoded(packets, null);
	}

}
