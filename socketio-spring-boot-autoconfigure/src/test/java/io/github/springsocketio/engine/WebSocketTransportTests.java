package io.github.springsocketio.engine;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket transport: one packet per WebSocket message, text packets as text frames, binary messages as binary
 * frames of the raw bytes.
 */
class WebSocketTransportTests {

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	private TestEngineServer server;

	private WebSocketClient webSocket;

	private String sid;

	private void open() {
		open(this.servers.start());
	}

	private void open(TestEngineServer server) {
		this.server = server;
		this.webSocket = this.servers.webSocket(server, "EIO=4&transport=websocket");
		this.sid = this.webSocket.awaitOpen();
	}

	private EngineIoSession session() {
		return this.server.listener().session(this.sid);
	}

	@Test
	void aWebSocketOnlySessionEchoesTextAsTextFrames() {
		open();

		this.webSocket.sendText("4héllo ✓");

		assertThat(this.webSocket.nextText()).isEqualTo("4héllo ✓");
		assertThat(this.server.listener().messages(this.sid)).containsExactly("héllo ✓");
		assertThat(session().transport()).isEqualTo(Transport.WEBSOCKET);
	}

	@Test
	void binaryFramesAreMessagesOfTheirRawBytesBothWays() {
		open();

		this.webSocket.sendBinary(new byte[] { 4, 0, (byte) 0xff, 0x1e });

		RecordingListener.Event received = this.server.listener()
			.await((e) -> e.kind() == RecordingListener.Kind.MESSAGE && e.sid().equals(this.sid));
		assertThat(received.message().binary()).isTrue();
		assertThat(received.message().data()).containsExactly(4, 0, 0xff, 0x1e);
		assertThat(this.webSocket.nextBinary()).containsExactly(4, 0, 0xff, 0x1e);
	}

	@Test
	void aTextFrameOfBAndBase64IsABinaryMessageAsFromAClientForcingBase64() {
		open();

		this.webSocket.sendText("bAQID");

		RecordingListener.Event received = this.server.listener()
			.await((e) -> e.kind() == RecordingListener.Kind.MESSAGE && e.sid().equals(this.sid));
		assertThat(received.message().binary()).isTrue();
		assertThat(received.message().data()).containsExactly(1, 2, 3);
		assertThat(this.webSocket.nextBinary()).containsExactly(1, 2, 3);
		assertThat(session().isOpen()).isTrue();
	}

	@Test
	void aClientThatAsksForBase64WithB64GetsBinaryAsBAndBase64TextFrames() {
		this.server = this.servers.start();
		this.webSocket = this.servers.webSocket(this.server, "EIO=4&transport=websocket&b64=1");
		this.sid = this.webSocket.awaitOpen();

		this.webSocket.sendBinary(new byte[] { 1, 2, 3 });

		assertThat(this.webSocket.nextText()).isEqualTo("bAQID");
	}

	@Test
	void everyPacketTravelsInItsOwnFrameWithoutSeparators() {
		open();

		session().send(List.of(EnginePacket.text("51-[\"x\"]"), EnginePacket.binary(new byte[] { 1, 2 }),
				EnginePacket.text("")));
		session().send(EnginePacket.text("after"));

		assertThat(this.webSocket.nextText()).isEqualTo("451-[\"x\"]");
		assertThat(this.webSocket.nextBinary()).containsExactly(1, 2);
		assertThat(this.webSocket.nextText()).isEqualTo("4");
		assertThat(this.webSocket.nextText()).isEqualTo("4after");
	}

	@ParameterizedTest(name = "packet \"{0}\"")
	@ValueSource(strings = { "x", "", "9nine" })
	void anInvalidPacketClosesTheSessionWithParseError(String packet) {
		open();

		this.webSocket.sendText(packet);

		assertThat(this.webSocket.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.PARSE_ERROR);
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void aMessageOfExactlyTheMaximumSizeIsAccepted() {
		open(this.servers.start((o) -> o.maxHttpBufferSize(1_000)));

		this.webSocket.sendText("4" + "x".repeat(999));

		assertThat(this.webSocket.nextText()).hasSize(1_000);
	}

	@Test
	void aMessageOverTheMaximumSizeIsClosedWith1009AndOnlyThatSessionEnds() {
		TestEngineServer server = this.servers.start((o) -> o.maxHttpBufferSize(1_000));
		WebSocketClient other = this.servers.webSocket(server, "EIO=4&transport=websocket");
		String otherSid = other.awaitOpen();
		open(server);

		this.webSocket.sendText("4" + "x".repeat(1_000));

		WebSocketClient.Frame end = this.webSocket.awaitEnd();
		assertThat(end.type()).isEqualTo(WebSocketClient.Type.CLOSE);
		assertThat(end.closeCode()).isEqualTo(1009);
		assertThat(this.server.listener().awaitClose(this.sid)).isNotNull();
		assertThat(this.server.listener().messages(this.sid)).isEmpty();
		await().atMost(RecordingListener.TIMEOUT).until(() -> server.engine().sessionCount() == 1);
		other.sendText("4still here");
		assertThat(other.nextText()).isEqualTo("4still here");
		assertThat(server.listener().closeReason(otherSid)).isEmpty();
	}

	@Test
	void aFragmentedMessageOverTheMaximumSizeIsClosedWith1009() {
		open(this.servers.start((o) -> o.maxHttpBufferSize(1_000)));

		this.webSocket.sendTextFragments("4" + "y".repeat(599), "z".repeat(600));

		WebSocketClient.Frame end = this.webSocket.awaitEnd();
		assertThat(end.closeCode()).isEqualTo(1009);
		assertThat(this.server.listener().awaitClose(this.sid)).isNotNull();
		assertThat(this.server.listener().messages(this.sid)).isEmpty();
	}

	@Test
	void aClosePacketFromTheClientClosesTheSessionAndTheWebSocket() {
		open();

		this.webSocket.sendText("1");

		assertThat(this.webSocket.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void aCloseFrameFromTheClientClosesTheSession() {
		open();

		this.webSocket.sendClose();

		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		assertThat(this.webSocket.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void aConnectionLostWithoutCloseFrameClosesTheSession() {
		open();

		this.webSocket.close();

		assertThat(this.server.listener().awaitClose(this.sid)).isIn(CloseReason.TRANSPORT_CLOSE,
				CloseReason.TRANSPORT_ERROR);
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void aPingFromTheClientIsAProtocolErrorThatClosesTheSession() {
		open();

		this.webSocket.sendText("2");

		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
		assertThat(this.webSocket.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
	}

	@Test
	void aServerCloseSendsWhatWasQueuedThenAnOrdinaryCloseFrame() {
		open();
		session().send(EnginePacket.text("bye"));

		session().close();

		assertThat(this.webSocket.nextText()).isEqualTo("4bye");
		WebSocketClient.Frame end = this.webSocket.awaitEnd();
		assertThat(end.type()).isEqualTo(WebSocketClient.Type.CLOSE);
		assertThat(end.closeCode()).isEqualTo(1000);
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.FORCED_CLOSE);
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void packetsThatMeanNothingHereAreIgnored() {
		open();

		this.webSocket.sendText("3").sendText("6").sendText("5").sendText("4ping?");

		assertThat(this.webSocket.nextText()).isEqualTo("4ping?");
		assertThat(session().isOpen()).isTrue();
	}

}
