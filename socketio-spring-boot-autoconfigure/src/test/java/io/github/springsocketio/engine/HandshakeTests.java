package io.github.springsocketio.engine;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handshake: a GET without {@code sid} (polling) or a WebSocket upgrade without {@code sid} opens a session and
 * is answered with the open packet.
 */
class HandshakeTests {

	private static final String SID_PATTERN = "[A-Za-z0-9_-]{20}";

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void pollingHandshakeAnswersTheOpenPacketWithExactlyTheFiveKeysInNodeOrder() {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(1_500))
			.pingTimeout(Duration.ofMillis(1_200))
			.maxHttpBufferSize(12_345));

		PollingClient.Handshake handshake = this.servers.polling(server).handshake();

		assertThat(handshake.response().headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
		assertThat(handshake.response().headers().firstValue("cache-control")).hasValue("no-store");
		JsonNode open = handshake.open();
		assertThat(open.propertyNames()).containsExactly("sid", "upgrades", "pingInterval", "pingTimeout",
				"maxPayload");
		assertThat(open.get("sid").asString()).matches(SID_PATTERN);
		assertThat(open.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
		assertThat(open.get("pingInterval").isNumber()).isTrue();
		assertThat(open.get("pingInterval").asLong()).isEqualTo(1_500);
		assertThat(open.get("pingTimeout").asLong()).isEqualTo(1_200);
		assertThat(open.get("maxPayload").asLong()).isEqualTo(12_345);
		assertThat(handshake.response().body()).isEqualTo("0{\"sid\":\"" + handshake.sid()
				+ "\",\"upgrades\":[\"websocket\"],\"pingInterval\":1500,\"pingTimeout\":1200,\"maxPayload\":12345}");
	}

	@Test
	void defaultsAreThoseOfTheNodeServer() {
		TestEngineServer server = this.servers.start();

		JsonNode open = this.servers.polling(server).handshake().open();

		assertThat(open.get("pingInterval").asLong()).isEqualTo(25_000);
		assertThat(open.get("pingTimeout").asLong()).isEqualTo(20_000);
		assertThat(open.get("maxPayload").asLong()).isEqualTo(1_000_000);
	}

	@Test
	void sessionIdsAreTwentyUrlSafeCharactersAndUniqueAcrossManySessions() {
		TestEngineServer server = this.servers.start();
		PollingClient client = this.servers.polling(server);

		Set<String> sids = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			sids.add(client.handshake().sid());
		}

		assertThat(sids).hasSize(200).allMatch((sid) -> sid.matches(SID_PATTERN));
		assertThat(server.engine().sessionCount()).isEqualTo(200);
	}

	@Test
	void webSocketHandshakeSendsTheOpenPacketAsTheFirstTextFrameWithNoUpgrades() {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(1_500)));
		WebSocketClient webSocket = this.servers.webSocket(server, "EIO=4&transport=websocket");

		String open = webSocket.nextText();

		assertThat(open).startsWith("0{");
		JsonNode json = PollingClient.JSON.readTree(open.substring(1));
		assertThat(json.propertyNames()).containsExactly("sid", "upgrades", "pingInterval", "pingTimeout",
				"maxPayload");
		assertThat(json.get("sid").asString()).matches(SID_PATTERN);
		assertThat(json.get("upgrades").isArray()).isTrue();
		assertThat(json.get("upgrades")).isEmpty();
		assertThat(json.get("pingInterval").asLong()).isEqualTo(1_500);
		String sid = json.get("sid").asString();
		assertThat(server.listener().session(sid).transport()).isEqualTo(Transport.WEBSOCKET);
	}

	@Test
	void noUpgradesAreOfferedWhenUpgradesAreNotAllowed() {
		TestEngineServer server = this.servers.start((o) -> o.allowUpgrades(false));

		assertThat(this.servers.polling(server).handshake().open().get("upgrades")).isEmpty();
	}

	@Test
	void noUpgradesAreOfferedWhenWebSocketIsDisabled() {
		TestEngineServer server = this.servers.start((o) -> o.transports(EnumSet.of(Transport.POLLING)));

		assertThat(this.servers.polling(server).handshake().open().get("upgrades")).isEmpty();
	}

	@Test
	void theListenerIsToldOfTheOpenSessionAndItsFirstRequest() {
		TestEngineServer server = this.servers.start();
		PollingClient client = this.servers.polling(server);

		String sid = client.handshake("&token=abc%20def").sid();

		EngineIoSession session = server.listener().session(sid);
		assertThat(session.isOpen()).isTrue();
		assertThat(session.transport()).isEqualTo(Transport.POLLING);
		HandshakeRequest handshake = session.handshake();
		assertThat(handshake.query()).containsEntry("token", "abc def").containsEntry("EIO", "4");
		assertThat(handshake.url()).startsWith(TestEngineServer.PATH + "?EIO=4&transport=polling");
		assertThat(handshake.remoteAddress()).isEqualTo("127.0.0.1");
		assertThat(handshake.header("Host")).isEqualTo("127.0.0.1:" + server.port());
		assertThat(handshake.secure()).isFalse();
		assertThat(handshake.crossDomain()).isFalse();
		assertThat(server.engine().sessions()).extracting(EngineIoSession::id).containsExactly(sid);
	}

	@Test
	void theHandshakeIsTheFirstPollAndTheNextPollWaitsForData() {
		TestEngineServer server = this.servers.start();
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();

		var poll = client.getAsync(sid);
		server.listener().session(sid).send(EnginePacket.text("later"));

		HttpResponse<String> response = PollingClient.await(poll);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("4later");
	}

	@Test
	void onlyRequestsUnderTheConfiguredPathAreServed() {
		TestEngineServer server = this.servers.start();

		HttpResponse<String> withoutSlash = PollingClient.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/engine.io?EIO=4&transport=polling"))
			.timeout(PollingClient.TIMEOUT)
			.build());
		HttpResponse<String> elsewhere = PollingClient.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/other/?EIO=4&transport=polling"))
			.timeout(PollingClient.TIMEOUT)
			.build());

		assertThat(List.of(withoutSlash.statusCode(), elsewhere.statusCode())).containsOnly(404);
		assertThat(server.engine().sessionCount()).isZero();
	}

}
