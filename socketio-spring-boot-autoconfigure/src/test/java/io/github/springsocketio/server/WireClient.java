package io.github.springsocketio.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.github.springsocketio.testing.WebSocketFrames;
import io.github.springsocketio.testing.WebSocketFrames.Frame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain TCP connection to the Socket.IO endpoint that writes HTTP requests and WebSocket frames exactly as given,
 * including those client libraries refuse to send, and reads the exact answer: the response of a request, the
 * frames of a WebSocket, and whether the server closed the connection.
 */
final class WireClient implements AutoCloseable {

	static final String PATH = "/socket.io/";

	private static final int TIMEOUT_MS = 5_000;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private String sid;

	WireClient(int port) {
		try {
			this.socket = new Socket("127.0.0.1", port);
			this.socket.setSoTimeout(TIMEOUT_MS);
			this.in = new DataInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Opens a WebSocket-only Engine.IO session. @return the connection, its open packet read */
	static WireClient webSocket(int port) {
		WireClient client = new WireClient(port);
		client.upgrade("EIO=4&transport=websocket").assertStatus(101);
		String open = client.nextText();
		assertThat(open).startsWith("0{\"sid\":");
		client.sid = Json.parse(open.substring(1)).get("sid").asString();
		return client;
	}

	/** @return the Engine.IO session id of a connection opened by {@link #webSocket} */
	String sid() {
		return this.sid;
	}

	/** An HTTP response: status, headers with lower-case names, body. */
	record Response(int status, Map<String, String> headers, String body) {

		Response assertStatus(int expected) {
			assertThat(this.status).as("status of %s", this).isEqualTo(expected);
			return this;
		}

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	WireClient write(String text) {
		return write(text.getBytes(StandardCharsets.UTF_8));
	}

	WireClient write(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends a request of the endpoint and reads its response. */
	Response request(String method, String query, String... headers) {
		StringBuilder request = new StringBuilder(method).append(' ').append(PATH).append('?').append(query)
			.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		return write(request.append("\r\n").toString()).readResponse();
	}

	/** Sends a WebSocket upgrade request and reads the response head (the {@code 101}, or a refusal with its body). */
	Response upgrade(String query, String... headers) {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		String[] all = new String[headers.length + 4];
		all[0] = "Upgrade: websocket";
		all[1] = "Connection: Upgrade";
		all[2] = "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key);
		all[3] = "Sec-WebSocket-Version: 13";
		System.arraycopy(headers, 0, all, 4, headers.length);
		return request("GET", query, all);
	}

	/** Reads a response: its head, then a body of its {@code Content-Length} (none for a {@code 101}). */
	Response readResponse() {
		try {
			String statusLine = readLine();
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line = readLine(); !line.isEmpty(); line = readLine()) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
			}
			int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
			byte[] body = new byte[length];
			this.in.readFully(body);
			return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers,
					new String(body, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
			if (b == -1) {
				throw new EOFException("connection closed; read so far: " + line);
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	/** Sends a masked final text frame. */
	WireClient sendText(String text) {
		return sendFrame(0x80 | Frame.TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends a masked final binary frame. */
	WireClient sendBinary(byte[] data) {
		return sendFrame(0x80 | Frame.BINARY, data);
	}

	/**
	 * Sends a masked frame with any bytes, valid or not.
	 * @param firstByte the FIN and RSV bits and the opcode, e.g. {@code 0x81} for a final text frame
	 */
	WireClient sendFrame(int firstByte, byte[] payload) {
		return write(WebSocketFrames.masked(firstByte, payload));
	}

	/**
	 * Sends only the head of a masked frame that announces a payload of that length: enough for a server that
	 * refuses the length, which then closes the connection without leaving unread data that would reset it.
	 */
	WireClient sendFrameHead(int firstByte, long payloadLength) {
		return write(WebSocketFrames.maskedHead(firstByte, payloadLength));
	}

	/** Reads the next frame from the server, waiting at most five seconds. */
	Frame nextFrame() {
		try {
			return WebSocketFrames.read(this.in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads the next frame, which must be a text frame. @return its text */
	String nextText() {
		Frame frame = nextFrame();
		assertThat(frame.opcode()).as("frame %s", frame).isEqualTo(Frame.TEXT);
		return frame.text();
	}

	/** Reads the next frame, which must be a binary frame. @return its bytes */
	byte[] nextBinary() {
		Frame frame = nextFrame();
		assertThat(frame.opcode()).as("frame %s", frame).isEqualTo(Frame.BINARY);
		return frame.payload();
	}

	/**
	 * Reads frames until the server's close frame, then the end of the connection.
	 * @return the close frame's status code
	 */
	int awaitCloseFrame() {
		Frame frame = nextFrame();
		assertThat(frame.opcode()).as("a close frame, got %s", frame).isEqualTo(Frame.CLOSE);
		assertThat(closedByServer()).as("connection closed after the close frame").isTrue();
		return frame.closeCode();
	}

	/** Whether the server closes the connection within five seconds; what arrives before is discarded. */
	boolean closedByServer() {
		try {
			this.in.transferTo(OutputStream.nullOutputStream());
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// reset by the server
			return true;
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

}
