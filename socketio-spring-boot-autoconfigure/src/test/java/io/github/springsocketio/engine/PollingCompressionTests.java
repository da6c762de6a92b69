package io.github.springsocketio.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Polling responses are compressed as Node.js's {@code httpCompression} does: gzip or deflate as the request accepts,
 * from 1024 bytes on, unless every packet of the response is sent uncompressed or the option is off. Checked on the
 * wire with a plain HTTP client that decompresses nothing by itself.
 */
class PollingCompressionTests {

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void aLargeResponseIsGzippedForARequestThatAcceptsGzip() throws IOException {
		TestEngineServer server = this.servers.start();
		String message = text(5000);

		HttpResponse<byte[]> poll = echoed(server, message, "gzip, deflate");

		assertThat(poll.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(poll.body().length).isLessThan(message.length() / 4);
		assertThat(poll.headers().firstValueAsLong("Content-Length")).hasValue(poll.body().length);
		assertThat(decoded(new GZIPInputStream(new ByteArrayInputStream(poll.body())))).isEqualTo("4" + message);
	}

	@Test
	void deflateIsChosenWhenTheRequestPrefersIt() throws IOException {
		TestEngineServer server = this.servers.start();
		String message = text(5000);

		HttpResponse<byte[]> poll = echoed(server, message, "gzip;q=0.5, deflate");

		assertThat(poll.headers().firstValue("Content-Encoding")).hasValue("deflate");
		assertThat(decoded(new InflaterInputStream(new ByteArrayInputStream(poll.body())))).isEqualTo("4" + message);
	}

	@Test
	void aResponseBelowTheThresholdIsSentAsItIs() {
		TestEngineServer server = this.servers.start();
		// the response is the type digit and the message: 1023 bytes
		String message = text(1022);

		HttpResponse<byte[]> poll = echoed(server, message, "gzip");

		assertThat(poll.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(new String(poll.body(), StandardCharsets.UTF_8)).isEqualTo("4" + message);
	}

	@Test
	void aResponseOfExactlyTheThresholdIsCompressed() {
		TestEngineServer server = this.servers.start();

		HttpResponse<byte[]> poll = echoed(server, text(1023), "gzip");

		assertThat(poll.headers().firstValue("Content-Encoding")).hasValue("gzip");
	}

	@Test
	void aRequestThatAcceptsNeitherCodingGetsTheBodyAsItIs() {
		TestEngineServer server = this.servers.start();
		String message = text(5000);

		assertThat(echoed(server, message, null).headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(echoed(server, message, "br, gzip;q=0").headers().firstValue("Content-Encoding")).isEmpty();
	}

	@Test
	void withCompressionOffNothingIsCompressed() {
		TestEngineServer server = this.servers.start((options) -> options.httpCompression(null));
		String message = text(5000);

		HttpResponse<byte[]> poll = echoed(server, message, "gzip, deflate");

		assertThat(poll.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(new String(poll.body(), StandardCharsets.UTF_8)).isEqualTo("4" + message);
	}

	@Test
	void theThresholdIsAnOption() {
		TestEngineServer server = this.servers.start((options) -> options.httpCompression(new CompressionOptions(10)));

		assertThat(echoed(server, text(20), "gzip").headers().firstValue("Content-Encoding")).hasValue("gzip");
	}

	@Test
	void aResponseMadeOnlyOfUncompressedPacketsIsSentAsItIs() {
		RecordingListener listener = new RecordingListener()
			.onMessage((session, message) -> session.send(EnginePacket.text(message.text()).uncompressed()));
		TestEngineServer server = this.servers.start((options) -> options, listener);
		String message = text(5000);

		HttpResponse<byte[]> poll = echoed(server, message, "gzip");

		assertThat(poll.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(new String(poll.body(), StandardCharsets.UTF_8)).isEqualTo("4" + message);
	}

	@Test
	void aResponseWithOneCompressiblePacketAmongUncompressedOnesIsCompressed() throws IOException {
		RecordingListener listener = new RecordingListener().onMessage((session, message) -> session
			.send(java.util.List.of(EnginePacket.text(message.text()).uncompressed(), EnginePacket.text("small"))));
		TestEngineServer server = this.servers.start((options) -> options, listener);
		String message = text(5000);

		HttpResponse<byte[]> poll = echoed(server, message, "gzip");

		assertThat(poll.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(decoded(new GZIPInputStream(new ByteArrayInputStream(poll.body()))))
			.isEqualTo("4" + message + PollingClient.SEPARATOR + "4small");
	}

	/** Posts a message, which the server echoes, and collects the echo with the given Accept-Encoding. */
	private HttpResponse<byte[]> echoed(TestEngineServer server, String message, String acceptEncoding) {
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();
		client.send(sid, "4" + message);
		var request = client.request("EIO=4&transport=polling&sid=" + sid).GET();
		if (acceptEncoding != null) {
			request.header("Accept-Encoding", acceptEncoding);
		}
		HttpResponse<byte[]> poll = PollingClient.await(PollingClient.HTTP.sendAsync(request.build(), BodyHandlers.ofByteArray()));
		assertThat(poll.statusCode()).isEqualTo(200);
		return poll;
	}

	/** Text that compresses as real JSON does, not as one repeated byte. */
	static String text(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; text.length() < length; i++) {
			text.append("{\"seq\":").append(i).append(",\"name\":\"compression\"},");
		}
		return text.substring(0, length);
	}

	private static String decoded(InputStream in) throws IOException {
		try (in) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
