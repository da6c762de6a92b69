package io.github.springsocketio.engine;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.springsocketio.engine.ErrorResponseTests.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS as the Node.js {@code cors} package answers it: allowed origins echoed with {@code Vary: Origin}, preflights
 * answered {@code 204}. Unlike Node.js, a request from a disallowed origin is refused with {@code 403} on every
 * transport (a browser does not apply CORS to WebSockets), unless that check is turned off; then it simply gets no
 * CORS headers and is still served.
 */
class CorsTests {

	private static final String FRONT = "http://front.example";

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	private TestEngineServer start(UnaryOperator<CorsOptions.Builder> cors) {
		return this.servers.start((o) -> o.cors(cors.apply(CorsOptions.builder()).build()));
	}

	@Test
	void aPreflightIsAnswered204WithTheMethodsTheEchoedHeadersVaryAndMaxAge() {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of(FRONT))
			.allowCredentials(true)
			.maxAge(Duration.ofMinutes(10)));

		HttpResponse<String> response = PollingClient.send(request(server, "EIO=4&transport=polling")
			.method("OPTIONS", BodyPublishers.noBody())
			.header("Origin", FRONT)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "x-token,content-type")
			.build());

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		assertThat(header(response, "access-control-allow-origin")).isEqualTo(FRONT);
		assertThat(header(response, "access-control-allow-credentials")).isEqualTo("true");
		assertThat(header(response, "access-control-allow-methods")).isEqualTo("GET,HEAD,PUT,PATCH,POST,DELETE");
		assertThat(header(response, "access-control-allow-headers")).isEqualTo("x-token,content-type");
		assertThat(header(response, "access-control-max-age")).isEqualTo("600");
		assertThat(String.join(",", response.headers().allValues("vary"))).contains("origin")
			.contains("access-control-request-headers");
		assertThat(server.engine().sessionCount()).isZero();
	}

	@Test
	void aPreflightAnnouncesConfiguredMethodsAndHeadersInsteadOfTheDefaults() {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of(FRONT))
			.allowedMethods(List.of("GET", "POST"))
			.allowedHeaders(List.of("x-token")));

		HttpResponse<String> response = PollingClient.send(request(server, "EIO=4&transport=polling")
			.method("OPTIONS", BodyPublishers.noBody())
			.header("Origin", FRONT)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "x-other")
			.build());

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(header(response, "access-control-allow-methods")).isEqualTo("GET,POST");
		assertThat(header(response, "access-control-allow-headers")).isEqualTo("x-token");
		assertThat(header(response, "access-control-max-age")).isNull();
		assertThat(header(response, "access-control-allow-credentials")).isNull();
	}

	@Test
	void anAllowedOriginIsEchoedExactlyWithCredentialsOnTheHandshake() {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of("http://other.example", FRONT))
			.allowCredentials(true)
			.exposedHeaders(List.of("x-served-by")));

		HttpResponse<String> response = PollingClient
			.send(request(server, "EIO=4&transport=polling").header("Origin", FRONT).build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("0{");
		assertThat(header(response, "access-control-allow-origin")).isEqualTo(FRONT);
		assertThat(header(response, "access-control-allow-credentials")).isEqualTo("true");
		assertThat(header(response, "access-control-expose-headers")).isEqualTo("x-served-by");
		assertThat(response.headers().allValues("vary")).containsExactly("origin");
		assertThat(header(response, "access-control-allow-methods")).as("only in preflights").isNull();
	}

	@Test
	void aDisallowedOriginIsRefused403OnPollingAndOpensNoSession() {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of(FRONT)));

		HttpResponse<String> response = PollingClient
			.send(request(server, "EIO=4&transport=polling").header("Origin", "http://evil.example").build());

		assertJsonError(response, 403, 4, "Origin not allowed");
		assertThat(header(response, "access-control-allow-origin")).isNull();
		assertThat(server.engine().sessionCount()).isZero();
		assertThat(allowOriginFor(server, FRONT)).as("an allowed origin, afterwards").isEqualTo(FRONT);
	}

	@Test
	void aDisallowedOriginIsRefused403OnAWebSocketUpgrade() throws Exception {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of(FRONT)));

		RawConnection raw = this.servers.raw(server)
			.upgrade("EIO=4&transport=websocket", "Origin: http://evil.example");

		RawConnection.Head head = raw.readHead();
		assertThat(head.status()).isEqualTo(403);
		assertThat(raw.readBody(Integer.parseInt(head.header("Content-Length")))).isEqualTo("Origin not allowed");
		assertThat(raw.readsToEnd()).isTrue();
		assertThat(server.engine().sessionCount()).isZero();
		assertThat(this.servers.raw(server).upgrade("EIO=4&transport=websocket", "Origin: " + FRONT).readHead().status())
			.as("an allowed origin, afterwards")
			.isEqualTo(101);
	}

	@Test
	void aDisallowedOriginCannotUseTheSessionOfAnAllowedOne() {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of(FRONT)));
		String sid = this.servers.polling(server).handshake().sid();

		HttpResponse<String> response = PollingClient.send(request(server, "EIO=4&transport=polling&sid=" + sid)
			.header("Origin", "http://evil.example")
			.POST(BodyPublishers.ofString("4stolen"))
			.build());

		assertJsonError(response, 403, 4, "Origin not allowed");
		assertThat(server.listener().messages(sid)).isEmpty();
	}

	@Test
	void requestsWithoutOriginAreServedAsFromAClientThatIsNoBrowser() throws Exception {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of(FRONT)));

		this.servers.polling(server).handshake();
		assertThat(this.servers.raw(server).upgrade("EIO=4&transport=websocket").readHead().status()).isEqualTo(101);
	}

	@Test
	void withTheCheckOffADisallowedOriginGetsNoAllowOriginButIsStillServed() {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of(FRONT)).rejectDisallowedOrigins(false));

		HttpResponse<String> response = PollingClient
			.send(request(server, "EIO=4&transport=polling").header("Origin", "http://evil.example").build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("0{");
		assertThat(header(response, "access-control-allow-origin")).isNull();
		assertThat(response.headers().allValues("vary")).containsExactly("origin");
		assertThat(server.engine().sessionCount()).isOne();
	}

	@Test
	void theWildcardOriginAnswersAStarToEveryone() {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of("*")));

		HttpResponse<String> withOrigin = PollingClient
			.send(request(server, "EIO=4&transport=polling").header("Origin", "http://any.example").build());
		HttpResponse<String> withoutOrigin = PollingClient.send(request(server, "EIO=4&transport=polling").build());

		assertThat(header(withOrigin, "access-control-allow-origin")).isEqualTo("*");
		assertThat(header(withoutOrigin, "access-control-allow-origin")).isEqualTo("*");
		assertThat(header(withOrigin, "access-control-allow-credentials")).isNull();
	}

	@Test
	void originPatternsEchoMatchingOriginsOnly() {
		TestEngineServer server = start(
				(c) -> c.allowedOriginPatterns(List.of("https://*.example.com")).rejectDisallowedOrigins(false));

		assertThat(allowOriginFor(server, "https://chat.example.com")).isEqualTo("https://chat.example.com");
		assertThat(allowOriginFor(server, "https://a.b.example.com")).isEqualTo("https://a.b.example.com");
		assertThat(allowOriginFor(server, "https://example.com")).isNull();
		assertThat(allowOriginFor(server, "http://chat.example.com")).isNull();
		assertThat(allowOriginFor(server, "https://chat.example.com.evil.org")).isNull();
	}

	@Test
	void errorResponsesCarryTheCorsHeadersToo() {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of(FRONT)).allowCredentials(true));

		HttpResponse<String> response = PollingClient
			.send(request(server, "EIO=4&transport=polling&sid=nope").header("Origin", FRONT).build());

		assertJsonError(response, 400, 1, "Session ID unknown");
		assertThat(header(response, "access-control-allow-origin")).isEqualTo(FRONT);
		assertThat(header(response, "access-control-allow-credentials")).isEqualTo("true");
	}

	@Test
	void theWebSocketHandshakeCarriesTheCorsHeaders() throws Exception {
		TestEngineServer server = start((c) -> c.allowedOrigins(List.of(FRONT)));

		RawConnection.Head head = this.servers.raw(server)
			.upgrade("EIO=4&transport=websocket", "Origin: " + FRONT)
			.readHead();

		assertThat(head.status()).isEqualTo(101);
		assertThat(head.header("Access-Control-Allow-Origin")).isEqualTo(FRONT);
	}

	@Test
	void withoutCorsAnOptionsRequestIsAHandshakeWithABadMethod() {
		TestEngineServer server = this.servers.start();

		HttpResponse<String> response = PollingClient.send(request(server, "EIO=4&transport=polling")
			.method("OPTIONS", BodyPublishers.noBody())
			.header("Origin", FRONT)
			.header("Access-Control-Request-Method", "POST")
			.build());

		assertJsonError(response, 400, 2, "Bad handshake method");
		assertThat(header(response, "access-control-allow-origin")).isNull();
	}

	@Test
	void withoutCorsNoCorsHeadersAreSent() {
		TestEngineServer server = this.servers.start();

		HttpResponse<String> response = PollingClient
			.send(request(server, "EIO=4&transport=polling").header("Origin", FRONT).build());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().map().keySet()).noneMatch((name) -> name.startsWith("access-control-"));
		assertThat(response.headers().allValues("vary")).isEmpty();
	}

	private String allowOriginFor(TestEngineServer server, String origin) {
		HttpResponse<String> response = PollingClient
			.send(request(server, "EIO=4&transport=polling").header("Origin", origin).build());
		assertThat(response.statusCode()).isEqualTo(200);
		return header(response, "access-control-allow-origin");
	}

	private HttpRequest.Builder request(TestEngineServer server, String query) {
		return this.servers.polling(server).request(query);
	}

	private static String header(HttpResponse<?> response, String name) {
		return response.headers().firstValue(name).orElse(null);
	}

}
