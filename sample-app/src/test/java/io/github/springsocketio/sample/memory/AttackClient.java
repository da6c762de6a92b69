package io.github.springsocketio.sample.memory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One raw Engine.IO WebSocket connection (the JDK's client) that joins the main namespace, announces a binary packet
 * of many attachments and sends them one by one, each well under the message limit. It answers the server's pings,
 * so that only the server's memory rules end it.
 */
final class AttackClient implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final WebSocket webSocket;

	private AttackClient(HttpClient http, URI uri) throws Exception {
		this.webSocket = http.newWebSocketBuilder()
			.connectTimeout(TIMEOUT)
			.buildAsync(uri, new Listener())
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Connects and joins the main namespace.
	 * @return the client, or {@code null} when the server refused the connection (503 while it sheds load)
	 */
	static AttackClient join(HttpClient http, int port) throws Exception {
		AttackClient client;
		try {
			client = new AttackClient(http, URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"));
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return null;
		}
		client.expect("0{");
		client.send("40");
		client.expect("40{");
		return client;
	}

	/**
	 * Announces a binary event of {@code announced} attachments, then sends {@code sent} of them.
	 * @return the attachment bytes the server took before it closed the connection
	 */
	long upload(int announced, int sent, byte[] attachment) {
		StringBuilder header = new StringBuilder("45").append(announced).append("-[\"upload\"");
		for (int i = 0; i < announced; i++) {
			header.append(",{\"_placeholder\":true,\"num\":").append(i).append('}');
		}
		long bytes = 0;
		try {
			send(header.append(']').toString());
			for (int i = 0; i < sent; i++) {
				synchronized (this) {
					this.webSocket.sendBinary(ByteBuffer.wrap(attachment), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
				bytes += attachment.length;
			}
		}
		catch (Exception ex) {
			// the server closed the connection: what it took so far is counted
		}
		return bytes;
	}

	/** @return whether the server has closed this connection */
	boolean isClosed() {
		return this.closed.isDone();
	}

	private synchronized void send(String text) throws Exception {
		this.webSocket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	private void expect(String prefix) throws Exception {
		String text = this.texts.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		if (text == null || !text.startsWith(prefix)) {
			throw new IllegalStateException("expected " + prefix + "..., got " + text);
		}
	}

	@Override
	public void close() {
		this.webSocket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			String text = data.toString();
			if (text.equals("2")) {
				webSocket.request(1);
				// the JDK client allows one send at a time: the pong waits for an attachment being sent
				synchronized (AttackClient.this) {
					webSocket.sendText("3", true).join();
				}
				return null;
			}
			AttackClient.this.texts.add(text);
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			AttackClient.this.closed.complete(null);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			AttackClient.this.closed.complete(null);
		}

	}

}
