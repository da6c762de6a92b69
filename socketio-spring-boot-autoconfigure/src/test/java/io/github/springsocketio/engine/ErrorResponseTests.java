package io.github.springsocketio.engine;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused requests get the Node.js server's error codes 0-5: over plain HTTP a JSON body {@code {"code":n,"message":..}}
 * with the code's status, on a WebSocket upgrade a raw text {@code 400} and the connection closed.
 */
class ErrorResponseTests {

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@ParameterizedTest(name = "{0} ?{1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			GET    | EIO=4                                | 0 | Transport unknown
			GET    | EIO=4&transport=flash                | 0 | Transport unknown
			GET    | EIO=3&transport=flash                | 0 | Transport unknown
			GET    | EIO=4&transport=polling&sid=nope     | 1 | Session ID unknown
			POST   | EIO=4&transport=polling&sid=nope     | 1 | Session ID unknown
			POST   | EIO=4&transport=polling              | 2 | Bad handshake method
			PUT    | EIO=4&transport=polling              | 2 | Bad handshake method
			DELETE | EIO=3&transport=polling              | 2 | Bad handshake method
			GET    | EIO=4&transport=websocket            | 3 | Bad request
			GET    | transport=polling                    | 5 | Unsupported protocol version
			GET    | EIO=3&transport=polling              | 5 | Unsupported protocol version
			GET    | EIO=abc&transport=polling            | 5 | Unsupported protocol version
			""")
	void refusedRequestsGetTheCodeAndMessageOfTheNodeServer(String method, String query, int code, String message) {
		TestEngineServer server = this.servers.start();
		PollingClient client = this.servers.polling(server);

		HttpResponse<String> response = PollingClient
			.send(client.request(query).method(method, BodyPublishers.ofString("")).build());

		assertJsonError(response, 400, code, message);
		assertThat(server.engine().sessionCount()).isZero();
	}

	@Test
	void aDisabledTransportIsAnUnknownTransport() {
		TestEngineServer server = this.servers.start((o) -> o.transports(EnumSet.of(Transport.POLLING)));
		PollingClient client = this.servers.polling(server);

		HttpResponse<String> response = PollingClient
			.send(client.request("EIO=4&transport=websocket").GET().build());

		assertJsonError(response, 400, 0, "Transport unknown");
	}

	@Test
	void aPollingOnlyServerRefusesWebSocketUpgradesAsUnknownTransport() throws Exception {
		TestEngineServer server = this.servers.start((o) -> o.transports(EnumSet.of(Transport.POLLING)));

		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket");

		assertRawUpgradeError(raw, "Transport unknown");
	}

	@Test
	void aRequestWithTheWrongTransportForItsSessionIsABadRequest() {
		TestEngineServer server = this.servers.start();
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();

		HttpResponse<String> response = PollingClient.send(client.request("EIO=4&transport=websocket&sid=" + sid)
			.POST(BodyPublishers.ofString("4hello"))
			.build());

		assertJsonError(response, 400, 3, "Bad request");
		assertThat(server.listener().messages(sid)).isEmpty();
	}

	@Test
	void anUpgradeForAnUnknownSessionGetsTheRawTextAnswerAndTheConnectionIsClosed() throws Exception {
		TestEngineServer server = this.servers.start();

		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket&sid=nope");

		assertRawUpgradeError(raw, "Session ID unknown");
	}

	@ParameterizedTest(name = "?{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			EIO=4&transport=flash     | Transport unknown
			EIO=3&transport=websocket | Unsupported protocol version
			EIO=4&transport=polling   | Bad request
			""")
	void refusedUpgradesAreAnsweredWithTheMessageInPlainText(String query, String message) throws Exception {
		TestEngineServer server = this.servers.start();

		RawConnection raw = this.servers.raw(server).upgrade(query);

		assertRawUpgradeError(raw, message);
		assertThat(server.engine().sessionCount()).isZero();
	}

	@Test
	void theAllowRequestHookRefusesWith403Code4AndItsOwnMessage() {
		List<HandshakeRequest> seen = new CopyOnWriteArrayList<>();
		TestEngineServer server = this.servers.start((o) -> o.allowRequest((request) -> {
			seen.add(request);
			return Mono.just(AllowRequestDecision.deny("Token \"x\" refused"));
		}));
		PollingClient client = this.servers.polling(server);

		HttpResponse<String> response = PollingClient
			.send(client.request("EIO=4&transport=polling&token=x").GET().build());

		assertJsonError(response, 403, 4, "Token \\\"x\\\" refused");
		assertThat(seen).singleElement().satisfies((request) -> assertThat(request.query()).containsEntry("token", "x"));
		assertThat(server.engine().sessionCount()).isZero();
		assertThat(server.listener().events()).isEmpty();
	}

	@Test
	void aRefusalWithoutMessageIsForbidden() {
		TestEngineServer server = this.servers.start((o) -> o.allowRequest((request) -> Mono.just(AllowRequestDecision.deny())));

		HttpResponse<String> response = PollingClient
			.send(this.servers.polling(server).request("EIO=4&transport=polling").GET().build());

		assertJsonError(response, 403, 4, "Forbidden");
	}

	@Test
	void aHookThatFailsOrAnswersNothingRefuses() {
		TestEngineServer failing = this.servers.start((o) -> o.allowRequest((request) -> Mono.error(new IllegalStateException("boom"))));
		TestEngineServer empty = this.servers.start((o) -> o.allowRequest((request) -> Mono.empty()));

		assertJsonError(PollingClient.send(this.servers.polling(failing).request("EIO=4&transport=polling").GET().build()),
				403, 4, "Forbidden");
		assertJsonError(PollingClient.send(this.servers.polling(empty).request("EIO=4&transport=polling").GET().build()),
				403, 4, "Forbidden");
	}

	@Test
	void theHookIsAskedBeforeTheProtocolVersionIsChecked() {
		TestEngineServer server = this.servers.start((o) -> o.allowRequest((request) -> Mono.just(AllowRequestDecision.deny())));

		HttpResponse<String> response = PollingClient
			.send(this.servers.polling(server).request("EIO=3&transport=polling").GET().build());

		assertJsonError(response, 403, 4, "Forbidden");
	}

	@Test
	void anAllowedHandshakeOpensTheSession() {
		TestEngineServer server = this.servers.start((o) -> o.allowRequest((request) -> Mono
			.just("ok".equals(request.query().get("token")) ? AllowRequestDecision.allow() : AllowRequestDecision.deny())));
		PollingClient client = this.servers.polling(server);

		String sid = client.handshake("&token=ok").sid();

		assertThat(server.listener().session(sid).isOpen()).isTrue();
	}

	@Test
	void anUpgradeRefusedByTheHookIsA400WithTheHooksMessage() throws Exception {
		TestEngineServer server = this.servers.start((o) -> o.allowRequest((request) -> Mono.just(AllowRequestDecision.deny("go away"))));

		RawConnection raw = this.servers.raw(server).upgrade("EIO=4&transport=websocket");

		assertRawUpgradeError(raw, "go away");
	}

	@Test
	void anotherMethodThanGetOrPostOnAnExistingSessionIsA500WithAnEmptyBody() {
		TestEngineServer server = this.servers.start();
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();

		HttpResponse<String> response = PollingClient.send(client.request("EIO=4&transport=polling&sid=" + sid)
			.PUT(BodyPublishers.ofString("4hello"))
			.build());

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).isEmpty();
		assertThat(server.listener().messages(sid)).isEmpty();
	}

	static void assertJsonError(HttpResponse<String> response, int status, int code, String message) {
		String body = "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
		assertThat(response.statusCode()).as("status of %s", response.request().uri()).isEqualTo(status);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
		assertThat(response.body()).isEqualTo(body);
		assertThat(response.headers().firstValueAsLong("content-length")).hasValue(body.getBytes().length);
	}

	/** Node writes {@code 400}, {@code Connection: close}, {@code text/html} and the message, then closes. */
	static void assertRawUpgradeError(RawConnection raw, String message) throws Exception {
		RawConnection.Head head = raw.readHead();
		assertThat(head.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
		assertThat(head.header("Connection")).isEqualToIgnoringCase("close");
		assertThat(head.header("Content-Type")).isEqualTo("text/html");
		assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(message.length()));
		assertThat(head.header("Upgrade")).isNull();
		assertThat(raw.readBody(message.length())).isEqualTo(message);
		assertThat(raw.readsToEnd()).as("connection closed by the server").isTrue();
	}

}
