package io.github.springsocketio.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.github.springsocketio.testing.WebSocketFrames;

/**
 * A plain TCP connection that writes requests byte by byte as given and reads what comes back without interpreting
 * more than needed: for what HTTP client libraries refuse to send (upgrade headers, a body cut short) or hide (the
 * exact bytes of a response), and for a WebSocket client that stops reading.
 */
final class RawConnection implements AutoCloseable {

	static final int TIMEOUT_MS = 5_000;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	RawConnection(int port) throws IOException {
		this(port, -1);
	}

	/**
	 * @param receiveBufferSize the socket's receive buffer in bytes, or -1 for the system's default
	 */
	RawConnection(int port, int receiveBufferSize) throws IOException {
		this.socket = new Socket();
		if (receiveBufferSize > 0) {
			this.socket.setReceiveBufferSize(receiveBufferSize);
		}
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
		this.socket.setSoTimeout(TIMEOUT_MS);
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
	}

	/** A response status line and headers, in the order received. */
	record Head(String statusLine, List<String[]> headers) {

		int status() {
			return Integer.parseInt(this.statusLine.split(" ")[1]);
		}

		String header(String name) {
			return this.headers.stream()
				.filter((h) -> h[0].equalsIgnoreCase(name))
				.map((h) -> h[1])
				.findFirst()
				.orElse(null);
		}

		List<String> names() {
			return this.headers.stream().map((h) -> h[0].toLowerCase(Locale.ROOT)).toList();
		}

		List<String> values(String name) {
			return this.headers.stream().filter((h) -> h[0].equalsIgnoreCase(name)).map((h) -> h[1]).toList();
		}

	}

	RawConnection write(String text) throws IOException {
		return write(text.getBytes(StandardCharsets.UTF_8));
	}

	RawConnection write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		return this;
	}

	/** Sends a WebSocket upgrade request for the endpoint with a query. */
	RawConnection upgrade(String query, String... extraHeaders) throws IOException {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		StringBuilder request = new StringBuilder("GET " + TestEngineServer.PATH + "?" + query + " HTTP/1.1\r\n")
			.append("Host: 127.0.0.1:").append(this.socket.getPort()).append("\r\n")
			.append("Upgrade: websocket\r\n")
			.append("Connection: Upgrade\r\n")
			.append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n")
			.append("Sec-WebSocket-Version: 13\r\n");
		for (String header : extraHeaders) {
			request.append(header).append("\r\n");
		}
		return write(request.append("\r\n").toString());
	}

	Head readHead() throws IOException {
		String statusLine = readLine();
		List<String[]> headers = new ArrayList<>();
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			int colon = line.indexOf(':');
			headers.add(new String[] { line.substring(0, colon), line.substring(colon + 1).trim() });
		}
		return new Head(statusLine, headers);
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		while (true) {
			int b = this.in.read();
			if (b == -1) {
				throw new EOFException("connection closed; read so far: " + line);
			}
			if (previous == '\r' && b == '\n') {
				byte[] bytes = line.toByteArray();
				return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
			}
			line.write(b);
			previous = b;
		}
	}

	String readBody(int length) throws IOException {
		byte[] body = new byte[length];
		this.in.readFully(body);
		return new String(body, StandardCharsets.UTF_8);
	}

	/** Whether the server closed the connection: reads and discards until the end of the stream. */
	boolean readsToEnd() throws IOException {
		try {
			byte[] buffer = new byte[8192];
			while (this.in.read(buffer) != -1) {
				// discard
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
	}

	/** Whether nothing arrives within the given time (the connection stays open and silent). */
	boolean silentFor(int millis) throws IOException {
		this.socket.setSoTimeout(millis);
		try {
			this.in.read();
			return false;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
		finally {
			this.socket.setSoTimeout(TIMEOUT_MS);
		}
	}

	/** A WebSocket frame from the server (never masked); {@code rsv} 4 is RSV1, set on a compressed message. */
	record WsFrame(int opcode, byte[] payload, int rsv) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xff) << 8) | (this.payload[1] & 0xff) : 1005;
		}

	}

	WsFrame readFrame() throws IOException {
		WebSocketFrames.Frame frame = WebSocketFrames.read(this.in);
		return new WsFrame(frame.opcode(), frame.payload(), frame.rsv());
	}

	/** Sends a masked, final WebSocket text frame. */
	RawConnection writeTextFrame(String text) throws IOException {
		return writeFrame(0x81, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends a masked WebSocket frame with any bytes, valid or not.
	 * @param firstByte the FIN and RSV bits and the opcode, e.g. {@code 0x81} for a final text frame
	 */
	RawConnection writeFrame(int firstByte, byte[] payload) throws IOException {
		return write(WebSocketFrames.masked(firstByte, payload));
	}

	InputStream input() {
		return this.in;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
