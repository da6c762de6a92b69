package io.github.springsocketio.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket permessage-deflate extension (RFC 7692), as Node.js's {@code perMessageDeflate} option: off by
 * default; when on, agreed with a client that offers it, messages from 1024 bytes on compressed (RSV1 set), the
 * client's compressed messages inflated within the message size limit. Checked frame by frame on a raw connection.
 */
class PerMessageDeflateTests {

	private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";

	private static final int RSV1 = 4;

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	/** The client's side of the server's compression: the server keeps its window, so one inflater per connection. */
	private final Inflater inflater = new Inflater(true);

	@Test
	void isAgreedWithAClientThatOffersItAndCompressesLargeMessagesOnly() throws Exception {
		TestEngineServer server = this.servers.start((options) -> options.perMessageDeflate(CompressionOptions.DEFAULT));
		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket", OFFER);

		RawConnection.Head head = raw.readHead();
		assertThat(head.status()).isEqualTo(101);
		assertThat(head.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
		RawConnection.WsFrame open = raw.readFrame();
		assertThat(open.rsv()).isZero();
		assertThat(open.text()).startsWith("0{");

		String large = PollingCompressionTests.text(5000);
		raw.writeTextFrame("4" + large);
		RawConnection.WsFrame echo = raw.readFrame();
		assertThat(echo.rsv()).isEqualTo(RSV1);
		assertThat(echo.payload().length).isLessThan(large.length() / 4);
		assertThat(inflate(echo.payload())).isEqualTo("4" + large);

		// the window is kept from message to message: the second inflates only with the first's history
		raw.writeTextFrame("4" + large);
		RawConnection.WsFrame again = raw.readFrame();
		assertThat(again.payload().length).isLessThan(echo.payload().length);
		assertThat(inflate(again.payload())).isEqualTo("4" + large);

		raw.writeTextFrame("4small");
		RawConnection.WsFrame small = raw.readFrame();
		assertThat(small.rsv()).isZero();
		assertThat(small.text()).isEqualTo("4small");

		raw.writeFrame(0x82, new byte[2000]);
		RawConnection.WsFrame binary = raw.readFrame();
		assertThat(binary.opcode()).isEqualTo(0x2);
		assertThat(binary.rsv()).isEqualTo(RSV1);
		assertThat(inflateBytes(binary.payload())).isEqualTo(new byte[2000]);
	}

	@Test
	void isAgreedOnTheUpgradeOfAPollingSession() throws Exception {
		TestEngineServer server = this.servers.start((options) -> options.perMessageDeflate(CompressionOptions.DEFAULT));
		String sid = this.servers.polling(server).handshake().sid();
		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket&sid=" + sid, OFFER);

		RawConnection.Head head = raw.readHead();

		assertThat(head.status()).isEqualTo(101);
		assertThat(head.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
		raw.writeTextFrame("2probe");
		assertThat(raw.readFrame().text()).isEqualTo("3probe");
	}

	@Test
	void isOffByDefaultSoTheOfferIsDeclinedAndTheCompressionBitRefused() throws IOException {
		TestEngineServer server = this.servers.start();
		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket", OFFER);

		RawConnection.Head head = raw.readHead();
		assertThat(head.status()).isEqualTo(101);
		assertThat(head.header("Sec-WebSocket-Extensions")).isNull();
		assertThat(raw.readFrame().text()).startsWith("0{");
		raw.writeFrame(0xC1, deflate("4hello"));

		assertThat(raw.readFrame().closeCode()).isEqualTo(1002);
		assertThat(server.listener().events()).noneMatch((e) -> e.kind() == RecordingListener.Kind.MESSAGE);
	}

	@Test
	void aClientThatDoesNotOfferItGetsNone() throws IOException {
		TestEngineServer server = this.servers.start((options) -> options.perMessageDeflate(CompressionOptions.DEFAULT));
		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket");

		assertThat(raw.readHead().header("Sec-WebSocket-Extensions")).isNull();
		assertThat(raw.readFrame().text()).startsWith("0{");
		String large = PollingCompressionTests.text(5000);
		raw.writeTextFrame("4" + large);
		RawConnection.WsFrame echo = raw.readFrame();
		assertThat(echo.rsv()).isZero();
		assertThat(echo.text()).isEqualTo("4" + large);
		raw.writeFrame(0xC1, deflate("4hello"));
		assertThat(raw.readFrame().closeCode()).isEqualTo(1002);
	}

	@Test
	void theClientsCompressedMessagesAreInflatedWholeOrInFragments() throws Exception {
		TestEngineServer server = this.servers.start((options) -> options.perMessageDeflate(CompressionOptions.DEFAULT));
		RawConnection raw = openWebSocket(server);

		raw.writeFrame(0xC1, deflate("4hello ✓"));
		assertThat(raw.readFrame().text()).isEqualTo("4hello ✓");

		byte[] compressed = deflate("4" + PollingCompressionTests.text(3000));
		int half = compressed.length / 2;
		raw.writeFrame(0x41, Arrays.copyOfRange(compressed, 0, half));
		raw.writeFrame(0x80, Arrays.copyOfRange(compressed, half, compressed.length));
		assertThat(inflate(raw.readFrame().payload())).isEqualTo("4" + PollingCompressionTests.text(3000));

		// uncompressed messages stay legal once the extension is agreed
		raw.writeTextFrame("4plain");
		assertThat(raw.readFrame().text()).isEqualTo("4plain");
	}

	@Test
	void aMessageThatInflatesPastTheSizeLimitIsClosedWith1009WhileInflating() throws IOException {
		TestEngineServer server = this.servers.start((options) -> options.perMessageDeflate(CompressionOptions.DEFAULT)
			.maxHttpBufferSize(100_000));
		RawConnection raw = openWebSocket(server);
		// 10 MB of zeros deflate to about 10 KB: under the limit on the wire, far over it inflated
		byte[] bomb = deflate(new byte[10_000_000]);
		assertThat(bomb.length).isLessThan(100_000);

		raw.writeFrame(0xC2, bomb);

		RawConnection.WsFrame close = raw.readFrame();
		assertThat(close.opcode()).isEqualTo(0x8);
		assertThat(close.closeCode()).isEqualTo(1009);
		assertThat(raw.readsToEnd()).isTrue();
		assertThat(server.listener().events()).noneMatch((e) -> e.kind() == RecordingListener.Kind.MESSAGE);
	}

	@Test
	void dataThatDoesNotInflateIsClosedWith1007() throws IOException {
		TestEngineServer server = this.servers.start((options) -> options.perMessageDeflate(CompressionOptions.DEFAULT));
		RawConnection raw = openWebSocket(server);

		raw.writeFrame(0xC1, new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00 });

		RawConnection.WsFrame close = raw.readFrame();
		assertThat(close.opcode()).isEqualTo(0x8);
		assertThat(close.closeCode()).isEqualTo(1007);
		assertThat(raw.readsToEnd()).isTrue();
	}

	@Test
	void anUncompressedPacketIsSentAsItIs() throws IOException {
		RecordingListener listener = new RecordingListener()
			.onMessage((session, message) -> session.send(EnginePacket.text(message.text()).uncompressed()));
		TestEngineServer server = this.servers.start((options) -> options.perMessageDeflate(CompressionOptions.DEFAULT),
				listener);
		RawConnection raw = openWebSocket(server);
		String large = PollingCompressionTests.text(5000);

		raw.writeTextFrame("4" + large);

		RawConnection.WsFrame echo = raw.readFrame();
		assertThat(echo.rsv()).isZero();
		assertThat(echo.text()).isEqualTo("4" + large);
	}

	@Test
	void theThresholdIsAnOption() throws Exception {
		TestEngineServer server = this.servers
			.start((options) -> options.perMessageDeflate(new CompressionOptions(4)));
		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket", OFFER);
		assertThat(raw.readHead().status()).isEqualTo(101);
		RawConnection.WsFrame open = raw.readFrame();
		assertThat(open.rsv()).isEqualTo(RSV1);
		assertThat(inflate(open.payload())).startsWith("0{");

		raw.writeTextFrame("4hello");

		RawConnection.WsFrame echo = raw.readFrame();
		assertThat(echo.rsv()).isEqualTo(RSV1);
		assertThat(inflate(echo.payload())).isEqualTo("4hello");
	}

	private RawConnection openWebSocket(TestEngineServer server) throws IOException {
		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket", OFFER);
		RawConnection.Head head = raw.readHead();
		assertThat(head.status()).isEqualTo(101);
		assertThat(head.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
		RawConnection.WsFrame open = raw.readFrame();
		assertThat(open.text()).startsWith("0{");
		return raw;
	}

	/** Compresses a message as a client does: a sync flush, without its final four bytes. */
	private static byte[] deflate(String message) {
		return deflate(message.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] deflate(byte[] message) {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		deflater.setInput(message);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int count;
		do {
			count = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
			out.write(buffer, 0, count);
		}
		while (count == buffer.length || !deflater.needsInput());
		deflater.end();
		byte[] flushed = out.toByteArray();
		return Arrays.copyOf(flushed, flushed.length - 4);
	}

	private String inflate(byte[] payload) throws DataFormatException {
		return new String(inflateBytes(payload), StandardCharsets.UTF_8);
	}

	private byte[] inflateBytes(byte[] payload) throws DataFormatException {
		byte[] withTail = Arrays.copyOf(payload, payload.length + 4);
		withTail[payload.length + 2] = (byte) 0xff;
		withTail[payload.length + 3] = (byte) 0xff;
		this.inflater.setInput(withTail);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int count;
		while ((count = this.inflater.inflate(buffer)) > 0) {
			out.write(buffer, 0, count);
		}
		return out.toByteArray();
	}

}
