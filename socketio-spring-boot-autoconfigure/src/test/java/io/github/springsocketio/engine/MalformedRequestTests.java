package io.github.springsocketio.engine;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.springsocketio.engine.ErrorResponseTests.assertRawUpgradeError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests HTTP client libraries would not send are answered as by the Node.js server, are client mistakes in the
 * log (never an ERROR nor a stack trace), and leave the endpoint serving other clients.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestTests {

	private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "%zz|%zz", "%|%", "a%2|a%2", "%e2%82|\ufffd", "%E2%9C%93%zz|✓%zz" })
	void aBadPercentEncodingInTheQueryIsKeptAsWrittenAsNodeDoes(String written, String decoded, CapturedOutput output)
			throws Exception {
		TestEngineServer server = this.servers.start();
		RawConnection raw = this.servers.raw(server)
			.write("GET " + TestEngineServer.PATH + "?EIO=4&transport=polling&x=" + written + " HTTP/1.1\r\n"
					+ "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");

		RawConnection.Head head = raw.readHead();
		assertThat(head.status()).isEqualTo(200);
		Matcher sid = SID.matcher(raw.readBody(Integer.parseInt(head.header("content-length"))));
		assertThat(sid.find()).isTrue();
		assertThat(server.listener().session(sid.group(1)).handshake().query()).containsEntry("x", decoded);
		assertNoErrorLogged(output);
		this.servers.polling(server).handshake();
	}

	@Test
	void invalidUtf8InAPollingBodyIsDecodedWithReplacementCharactersAsNodeDoes(CapturedOutput output) {
		TestEngineServer server = this.servers.start();
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();

		HttpResponse<String> response = PollingClient.send(client.request("EIO=4&transport=polling&sid=" + sid)
			.header("Content-Type", "text/plain;charset=UTF-8")
			.POST(BodyPublishers.ofByteArray(new byte[] { '4', (byte) 0xC0, (byte) 0xAF, '!' }))
			.build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
		assertThat(server.listener().messages(sid)).containsExactly("\ufffd\ufffd!");
		assertNoErrorLogged(output);
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = {
			"Sec-WebSocket-Version: 13; Missing or invalid Sec-WebSocket-Key header",
			"Sec-WebSocket-Key: short|Sec-WebSocket-Version: 13; Missing or invalid Sec-WebSocket-Key header",
			"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==|Sec-WebSocket-Version: 12; "
					+ "Missing or invalid Sec-WebSocket-Version header" })
	void aWebSocketUpgradeWithoutAValidKeyOrVersionGetsTheBadRequestOfNodesWs(String headers, String message,
			CapturedOutput output) throws Exception {
		TestEngineServer server = this.servers.start();
		RawConnection raw = this.servers.raw(server).write(upgradeRequest(headers.replace("|", "\r\n") + "\r\n"));

		assertRawUpgradeError(raw, message);
		assertNoErrorLogged(output);
		assertAnotherWebSocketIsServed(server);
	}

	@Test
	void anUpgradeHeaderWithoutConnectionUpgradeIsAPlainRequestForTheWebSocketTransport(CapturedOutput output)
			throws Exception {
		TestEngineServer server = this.servers.start();
		RawConnection raw = this.servers.raw(server)
			.write("GET " + TestEngineServer.PATH + "?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\n\r\n");

		RawConnection.Head head = raw.readHead();
		assertThat(head.status()).isEqualTo(400);
		assertThat(raw.readBody(Integer.parseInt(head.header("content-length"))))
			.isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
		assertNoErrorLogged(output);
		assertAnotherWebSocketIsServed(server);
	}

	private static String upgradeRequest(String keyAndVersion) {
		return "GET " + TestEngineServer.PATH + "?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Upgrade: websocket\r\nConnection: Upgrade\r\n" + keyAndVersion + "\r\n";
	}

	private void assertAnotherWebSocketIsServed(TestEngineServer server) {
		WebSocketClient other = this.servers.webSocket(server, "EIO=4&transport=websocket");
		other.awaitOpen();
		other.sendText("4still here");
		assertThat(other.nextText()).isEqualTo("4still here");
	}

	static void assertNoErrorLogged(CapturedOutput output) {
		assertThat(output.getAll()).doesNotContain("ERROR").doesNotContainPattern("(?m)^\\s+at ");
	}

}
