package io.github.springsocketio.engine;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw WebSocket client (the JDK's): sends frames as given and collects every message and the close it receives in
 * a queue, in order.
 */
final class WebSocketClient implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	enum Type {

		TEXT, BINARY, CLOSE, ERROR

	}

	/** A message or the end of the connection, as the client saw it. */
	record Frame(Type type, String text, byte[] data, int closeCode) {

		static Frame text(String text) {
			return new Frame(Type.TEXT, text, null, -1);
		}

		static Frame binary(byte[] data) {
			return new Frame(Type.BINARY, null, data, -1);
		}

		boolean isEnd() {
			return this.type == Type.CLOSE || this.type == Type.ERROR;
		}

		@Override
		public String toString() {
			return switch (this.type) {
				case TEXT -> "text '" + this.text + "'";
				case BINARY -> "binary " + this.data.length + " bytes";
				case CLOSE -> "close " + this.closeCode;
				case ERROR -> "error " + this.text;
			};
		}

	}

	private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private final WebSocket webSocket;

	private WebSocketClient(URI uri) {
		try {
			this.webSocket = PollingClient.HTTP.newWebSocketBuilder()
				.connectTimeout(TIMEOUT)
				.buildAsync(uri, new Collector())
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("WebSocket to " + uri + " failed", ex);
		}
	}

	static WebSocketClient connect(URI uri) {
		return new WebSocketClient(uri);
	}

	WebSocketClient sendText(String text) {
		complete(this.webSocket.sendText(text, true));
		return this;
	}

	/** Sends unless the connection is already going away (then the send is simply lost). */
	void trySendText(String text) {
		try {
			this.webSocket.sendText(text, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			// closing: the caller is about to see the end of the connection
		}
	}

	WebSocketClient sendBinary(byte[] data) {
		complete(this.webSocket.sendBinary(ByteBuffer.wrap(data), true));
		return this;
	}

	/** Sends one text message in several frames (a first frame and continuations). */
	WebSocketClient sendTextFragments(String... parts) {
		for (int i = 0; i < parts.length; i++) {
			complete(this.webSocket.sendText(parts[i], i == parts.length - 1));
		}
		return this;
	}

	/** Starts a clean close from the client side with a close frame. */
	void sendClose() {
		complete(this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, ""));
	}

	/** The next message or close, waiting for it at most {@link #TIMEOUT}. */
	Frame next() {
		Frame frame = poll(TIMEOUT);
		assertThat(frame).as("a WebSocket frame within %s", TIMEOUT).isNotNull();
		return frame;
	}

	Frame poll(Duration timeout) {
		try {
			return this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String nextText() {
		Frame frame = next();
		assertThat(frame.type()).as("frame %s", frame).isEqualTo(Type.TEXT);
		return frame.text();
	}

	byte[] nextBinary() {
		Frame frame = next();
		assertThat(frame.type()).as("frame %s", frame).isEqualTo(Type.BINARY);
		return frame.data();
	}

	/** Reads the open packet and tells the session id. */
	String awaitOpen() {
		String open = nextText();
		assertThat(open).startsWith("0{");
		return PollingClient.JSON.readTree(open.substring(1)).get("sid").asString();
	}

	/** Skips messages until the connection ends; fails if it does not end within {@link #TIMEOUT}. */
	Frame awaitEnd() {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Frame frame = poll(Duration.ofNanos(deadline - System.nanoTime()));
			if (frame != null && frame.isEnd()) {
				return frame;
			}
		}
		throw new AssertionError("the WebSocket was not closed within " + TIMEOUT);
	}

	boolean isInputClosed() {
		return this.webSocket.isInputClosed();
	}

	@Override
	public void close() {
		this.webSocket.abort();
	}

	private static void complete(CompletableFuture<WebSocket> send) {
		try {
			send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("WebSocket send failed", ex);
		}
	}

	private final class Collector implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				WebSocketClient.this.frames.add(Frame.text(this.text.toString()));
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				WebSocketClient.this.frames.add(Frame.binary(this.binary.toByteArray()));
				this.binary.reset();
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WebSocketClient.this.frames.add(new Frame(Type.CLOSE, reason, null, statusCode));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WebSocketClient.this.frames.add(new Frame(Type.ERROR, String.valueOf(error), null, -1));
		}

	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
