package io.github.springsocketio.engine;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engine.IO v3 sessions, served when {@link EngineIoOptions#allowEio3()} is on, on the wire as Node.js's
 * {@code engine.io} 6 serves them: length-framed polling payloads, {@code b4} base64 or binary payloads, client pings
 * answered by the server, and binary WebSocket frames that start with the packet type.
 */
class EngineIoV3Tests {

	private static final HexFormat HEX = HexFormat.of();

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	private TestEngineServer start() {
		return this.servers.start((o) -> o.allowEio3(true));
	}

	@Test
	void thePollingHandshakeIsALengthFramedOpenPacketWithTheUsualFields() {
		PollingClient client = this.servers.polling(start());

		String body = PollingClient.send(client.request("EIO=3&transport=polling").GET().build()).body();

		int colon = body.indexOf(':');
		String open = body.substring(colon + 1);
		assertThat(Integer.parseInt(body.substring(0, colon))).isEqualTo(open.length());
		JsonNode fields = PollingClient.JSON.readTree(open.substring(1));
		assertThat(open).startsWith("0{");
		assertThat(fields.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
		assertThat(fields.get("pingInterval").asInt()).isEqualTo(25_000);
		assertThat(fields.get("pingTimeout").asInt()).isEqualTo(20_000);
		assertThat(fields.has("maxPayload")).isTrue();
	}

	@Test
	void theClientPingsAndTheServerAnswersWithAPong() {
		TestEngineServer server = start();
		PollingClient client = this.servers.polling(server);
		String sid = open(client, "");

		assertThat(post(client, sid, "1:2").body()).isEqualTo("ok");

		assertThat(get(client, sid).body()).isEqualTo("1:3");
		assertThat(server.listener().closeReason(sid)).isEmpty();
	}

	@Test
	void lengthsCountUtf16CodeUnitsAndSeveralPacketsShareAPayload() {
		PollingClient client = this.servers.polling(start());
		String sid = open(client, "");

		post(client, sid, "4:4é😀6:4hello");

		assertThat(get(client, sid).body()).isEqualTo("4:4é😀6:4hello");
	}

	@Test
	void binaryIsBase64WithItsTypeForAClientThatAskedForB64() {
		PollingClient client = this.servers.polling(start());
		String sid = open(client, "&b64=1");

		post(client, sid, "6:b4AQID");

		HttpResponse<String> echo = get(client, sid);
		assertThat(echo.body()).isEqualTo("6:b4AQID");
		assertThat(echo.headers().firstValue("Content-Type")).hasValue(HttpReply.TEXT_PLAIN);
	}

	@Test
	void binaryGoesAsABinaryPayloadToAClientThatTakesBinary() throws Exception {
		PollingClient client = this.servers.polling(start());
		String sid = open(client, "");

		// a string packet "4a" (2 bytes) then a binary message 01 02 03 (type byte included: 4 bytes)
		HttpResponse<String> posted = PollingClient.send(client.request("EIO=3&transport=polling&sid=" + sid)
			.header("Content-Type", "application/octet-stream")
			.POST(BodyPublishers.ofByteArray(HEX.parseHex("0002ff3461" + "0104ff04010203")))
			.build());
		assertThat(posted.body()).isEqualTo("ok");

		HttpResponse<byte[]> echo = PollingClient.HTTP.send(client.request("EIO=3&transport=polling&sid=" + sid)
			.GET()
			.build(), BodyHandlers.ofByteArray());
		assertThat(echo.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(HEX.formatHex(echo.body())).isEqualTo("0002ff3461" + "0104ff04010203");
	}

	@Test
	void aWrongLengthIsAParseErrorThatEndsTheSession() {
		TestEngineServer server = start();
		PollingClient client = this.servers.polling(server);
		String sid = open(client, "");

		post(client, sid, "6:4hello9:4cut");

		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.PARSE_ERROR);
		assertThat(server.listener().messages(sid)).containsExactly("hello");
	}

	@Test
	void aPongFromTheClientIsTheWrongHeartbeatDirection() {
		TestEngineServer server = start();
		PollingClient client = this.servers.polling(server);
		String sid = open(client, "");

		post(client, sid, "1:3");

		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
	}

	@Test
	void withoutPingsTheSessionEndsAfterThePingIntervalAndTimeoutAndTheServerNeverPings() {
		TestEngineServer server = this.servers.start((o) -> o.allowEio3(true)
			.pingInterval(Duration.ofMillis(300))
			.pingTimeout(Duration.ofMillis(300)));
		PollingClient client = this.servers.polling(server);
		long opened = System.nanoTime();
		String sid = open(client, "");

		// the pending poll gets the close packet, not a ping
		assertThat(get(client, sid).body()).isEqualTo("1:1");
		assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.PING_TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
	}

	@Test
	void clientPingsKeepTheSessionOpenPastTheTimeout() {
		TestEngineServer server = this.servers.start((o) -> o.allowEio3(true)
			.pingInterval(Duration.ofMillis(200))
			.pingTimeout(Duration.ofMillis(200)));
		WebSocketClient webSocket = this.servers.webSocket(server, "EIO=3&transport=websocket");
		String sid = webSocket.awaitOpen();

		for (int i = 0; i < 5; i++) {
			assertThat(webSocket.poll(Duration.ofMillis(200))).as("the server never pings").isNull();
			webSocket.sendText("2");
			assertThat(webSocket.nextText()).isEqualTo("3");
		}

		assertThat(server.listener().closeReason(sid)).isEmpty();
	}

	@Test
	void webSocketBinaryFramesStartWithTheMessageType() {
		TestEngineServer server = start();
		WebSocketClient webSocket = this.servers.webSocket(server, "EIO=3&transport=websocket");
		String sid = webSocket.awaitOpen();

		webSocket.sendBinary(HEX.parseHex("04010203"));

		assertThat(HEX.formatHex(webSocket.nextBinary())).isEqualTo("04010203");
		assertThat(server.listener().await((e) -> e.kind() == RecordingListener.Kind.MESSAGE && e.sid().equals(sid))
			.message()
			.data()).containsExactly(1, 2, 3);
	}

	@Test
	void aWebSocketWithB64GetsBinaryAsBase64TextWithItsType() {
		WebSocketClient webSocket = this.servers.webSocket(start(), "EIO=3&transport=websocket&b64=1");
		webSocket.awaitOpen();

		webSocket.sendText("b4AQID");

		assertThat(webSocket.nextText()).isEqualTo("b4AQID");
	}

	@Test
	void aV3SessionCannotUpgradeWithAnotherRevision() throws Exception {
		TestEngineServer server = start();
		PollingClient client = this.servers.polling(server);
		String sid = open(client, "");

		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket&sid=" + sid);

		ErrorResponseTests.assertRawUpgradeError(raw, "Bad request");
	}

	@Test
	void v4SessionsAreServedUnchangedBesideV3Ones() {
		PollingClient client = this.servers.polling(start());

		String sid = client.handshake().sid();
		client.send(sid, "4hello");

		assertThat(client.get(sid).body()).isEqualTo("4hello");
		assertThat(PollingClient.send(client.request("EIO=3&transport=polling").GET().build()).body()).contains(":0{");
	}

	private static String open(PollingClient client, String extraQuery) {
		String body = PollingClient.send(client.request("EIO=3&transport=polling" + extraQuery).GET().build()).body();
		return PollingClient.JSON.readTree(body.substring(body.indexOf(':') + 2)).get("sid").asString();
	}

	private static HttpResponse<String> get(PollingClient client, String sid) {
		return PollingClient.send(client.request("EIO=3&transport=polling&sid=" + sid).GET().build());
	}

	private static HttpResponse<String> post(PollingClient client, String sid, String body) {
		return PollingClient.send(client.request("EIO=3&transport=polling&sid=" + sid)
			.header("Content-Type", "text/plain;charset=UTF-8")
			.POST(BodyPublishers.ofString(body))
			.build());
	}

}
