package io.github.springsocketio.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code compress} flag, as in Node.js: events are compressed where compression is on unless emitted with
 * {@code compress(false)}, to one socket or as a broadcast. Checked on the polling wire, where HTTP compression is on by
 * default.
 */
class CompressFlagTests {

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private static final String LARGE = "x".repeat(5000);

	private TestSocketIOServer start() {
		return io.start((server) -> server.onConnection((socket) -> {
			socket.on("compressed", (args, ack) -> socket.emit("data", LARGE));
			socket.on("uncompressed", (args, ack) -> socket.compress(false).emit("data", LARGE));
			socket.on("broadcast-uncompressed", (args, ack) -> server.compress(false).emit("data", LARGE));
			socket.on("broadcast-compressed", (args, ack) -> server.emit("data", LARGE));
		}));
	}

	private static RawPollingClient connect(TestSocketIOServer server) {
		RawPollingClient client = io.polling(server);
		client.handshake();
		client.post("40");
		assertThat(client.poll().get(0)).startsWith("40{");
		return client;
	}

	@Test
	void anEventIsCompressedByDefault() throws IOException {
		RawPollingClient client = connect(start());

		client.post("42[\"compressed\"]");
		HttpResponse<byte[]> poll = client.getAccepting("gzip");

		assertThat(poll.headers().firstValue("Content-Encoding")).hasValue("gzip");
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(poll.body()))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("42[\"data\",\"" + LARGE + "\"]");
		}
	}

	@Test
	void anEventEmittedWithCompressFalseIsSentAsItIs() {
		RawPollingClient client = connect(start());

		client.post("42[\"uncompressed\"]");
		HttpResponse<byte[]> poll = client.getAccepting("gzip");

		assertThat(poll.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(new String(poll.body(), StandardCharsets.UTF_8)).isEqualTo("42[\"data\",\"" + LARGE + "\"]");
	}

	@Test
	void aBroadcastWithCompressFalseIsSentAsItIsToEveryone() {
		TestSocketIOServer server = start();
		RawPollingClient sender = connect(server);
		RawPollingClient other = connect(server);

		sender.post("42[\"broadcast-uncompressed\"]");

		for (RawPollingClient client : new RawPollingClient[] { sender, other }) {
			HttpResponse<byte[]> poll = client.getAccepting("gzip");
			assertThat(poll.headers().firstValue("Content-Encoding")).isEmpty();
			assertThat(new String(poll.body(), StandardCharsets.UTF_8)).isEqualTo("42[\"data\",\"" + LARGE + "\"]");
		}
	}

	@Test
	void aBroadcastIsCompressedByDefault() {
		TestSocketIOServer server = start();
		RawPollingClient sender = connect(server);
		RawPollingClient other = connect(server);

		sender.post("42[\"broadcast-compressed\"]");

		assertThat(other.getAccepting("gzip").headers().firstValue("Content-Encoding")).hasValue("gzip");
	}

}
