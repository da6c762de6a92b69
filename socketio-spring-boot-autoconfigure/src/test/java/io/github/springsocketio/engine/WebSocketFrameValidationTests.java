package io.github.springsocketio.engine;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames the WebSocket protocol forbids end the connection with the close code Node.js's {@code ws} sends, and
 * nothing of them reaches the session; other clients are still served.
 */
class WebSocketFrameValidationTests {

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@ParameterizedTest
	@ValueSource(strings = { "C0AF", "C0BC", "F4908080", "ED A0 80", "E282" })
	void aTextFrameOfInvalidUtf8IsClosedWith1007(String hex) throws IOException {
		TestEngineServer server = this.servers.start();
		RawConnection raw = openWebSocket(server);

		raw.writeFrame(0x81, concat(new byte[] { '4' }, bytes(hex)));

		RawConnection.WsFrame close = raw.readFrame();
		assertThat(close.opcode()).isEqualTo(0x8);
		assertThat(close.closeCode()).isEqualTo(1007);
		assertThat(raw.readsToEnd()).isTrue();
		assertThat(server.listener().events()).noneMatch((e) -> e.kind() == RecordingListener.Kind.MESSAGE);
		assertAnotherClientIsServed(server);
	}

	@Test
	void invalidUtf8SplitOverFragmentsIsClosedWith1007() throws IOException {
		TestEngineServer server = this.servers.start();
		RawConnection raw = openWebSocket(server);

		raw.writeFrame(0x01, new byte[] { '4', (byte) 0xC0 });
		raw.writeFrame(0x80, new byte[] { (byte) 0xAF });

		assertThat(raw.readFrame().closeCode()).isEqualTo(1007);
		assertAnotherClientIsServed(server);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0xC1, 0xA1, 0x91, 0xC2 })
	void aFrameWithReservedBitsAndNoNegotiatedExtensionIsClosedWith1002(int firstByte) throws IOException {
		TestEngineServer server = this.servers.start();
		RawConnection raw = openWebSocket(server);

		raw.writeFrame(firstByte, new byte[] { '4', 'x' });

		RawConnection.WsFrame close = raw.readFrame();
		assertThat(close.opcode()).isEqualTo(0x8);
		assertThat(close.closeCode()).isEqualTo(1002);
		assertThat(raw.readsToEnd()).isTrue();
		assertThat(server.listener().events()).noneMatch((e) -> e.kind() == RecordingListener.Kind.MESSAGE);
		assertAnotherClientIsServed(server);
	}

	@Test
	void validUtf8AcrossFragmentsIsServed() throws IOException {
		TestEngineServer server = this.servers.start();
		RawConnection raw = openWebSocket(server);
		byte[] check = "✓".getBytes(java.nio.charset.StandardCharsets.UTF_8);

		raw.writeFrame(0x01, new byte[] { '4', check[0] });
		raw.writeFrame(0x80, new byte[] { check[1], check[2] });

		assertThat(raw.readFrame().text()).isEqualTo("4✓");
	}

	private RawConnection openWebSocket(TestEngineServer server) throws IOException {
		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket");
		assertThat(raw.readHead().status()).isEqualTo(101);
		assertThat(raw.readFrame().text()).startsWith("0{");
		return raw;
	}

	private void assertAnotherClientIsServed(TestEngineServer server) {
		WebSocketClient other = this.servers.webSocket(server, "EIO=4&transport=websocket");
		other.awaitOpen();
		other.sendText("4still here");
		assertThat(other.nextText()).isEqualTo("4still here");
	}

	private static byte[] bytes(String hex) {
		String digits = hex.replace(" ", "");
		byte[] bytes = new byte[digits.length() / 2];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
		}
		return bytes;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
