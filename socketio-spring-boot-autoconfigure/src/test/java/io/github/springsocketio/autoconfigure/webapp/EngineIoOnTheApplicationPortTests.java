package io.github.springsocketio.autoconfigure.webapp;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EnginePacket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with a WebFlux route and an {@link EngineIoServer} bean serves both on its one port: Engine.IO
 * requests go to the engine, everything else to WebFlux. The server's request head limits are Node.js's.
 */
@SpringBootTest(classes = EngineIoOnTheApplicationPortTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.ping-interval=1500ms", "socketio.request-header-timeout=1s" })
class EngineIoOnTheApplicationPortTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	EngineIoServer echoEndpoint;

	@Test
	void webFluxRoutesAreServedBesideTheEngine() throws Exception {
		HttpResponse<String> hello = get("/hello");

		assertThat(hello.statusCode()).isEqualTo(200);
		assertThat(hello.body()).isEqualTo("hello from WebFlux");
		assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
	}

	@Test
	void engineIoRequestsAreServedByTheEngineWithTheBoundOptions() throws Exception {
		HttpResponse<String> handshake = get("/engine.io/?EIO=4&transport=polling");

		assertThat(handshake.statusCode()).isEqualTo(200);
		assertThat(handshake.body()).startsWith("0{\"sid\":").contains("\"pingInterval\":1500");
		assertThat(get("/engine.io/?EIO=4&transport=polling&sid=nope").body())
			.isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
		assertThat(get("/socket.io/?EIO=4&transport=polling").body()).as("the Socket.IO endpoint, beside it")
			.startsWith("0{\"sid\":");
		assertThat(get("/other.io/?EIO=4&transport=polling").statusCode()).as("no endpoint there").isEqualTo(404);
	}

	@Test
	void aWebSocketSessionEchoesOnTheSamePort() throws Exception {
		BlockingQueue<String> frames = new LinkedBlockingQueue<>();
		WebSocket webSocket = HTTP.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/engine.io/?EIO=4&transport=websocket"),
					new WebSocket.Listener() {

						@Override
						public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
							frames.add(data.toString());
							ws.request(1);
							return null;
						}

					})
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		try {
			assertThat(frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).startsWith("0{");
			webSocket.sendText("4over the application port", true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("4over the application port");
			assertThat(frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
				.as("a ping 1.5 s later: the connection outlives the 1 s request header timeout")
				.isEqualTo("2");
			assertThat(this.echoEndpoint.sessionCount()).isPositive();
		}
		finally {
			webSocket.abort();
		}
	}

	@Test
	void aLongQueryAndLongCookiesAreServedUpToNodesSixteenKilobytes() throws Exception {
		HttpResponse<String> longQuery = get("/engine.io/?EIO=4&transport=polling&token=" + "q".repeat(6_000));
		HttpResponse<String> longCookies = HTTP.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/engine.io/?EIO=4&transport=polling"))
			.header("Cookie", "a=" + "c".repeat(6_000) + "; b=" + "c".repeat(6_000))
			.timeout(TIMEOUT)
			.build(), BodyHandlers.ofString());

		assertThat(longQuery.statusCode()).isEqualTo(200);
		assertThat(longQuery.body()).startsWith("0{\"sid\":");
		assertThat(longCookies.statusCode()).isEqualTo(200);
		assertThat(longCookies.body()).startsWith("0{\"sid\":");
	}

	@Test
	void aRequestLineOverSixteenKilobytesIsRefusedAndOthersAreStillServed() throws Exception {
		assertThat(get("/engine.io/?EIO=4&transport=polling&token=" + "q".repeat(17_000)).statusCode())
			.isEqualTo(414);
		assertThat(get("/engine.io/?EIO=4&transport=polling").statusCode()).isEqualTo(200);
	}

	@Test
	void aRequestWhoseHeadersNeverFinishGets408AndIsClosed() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			socket.getOutputStream()
				.write("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
					.getBytes(StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

			assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n");
		}
		assertThat(get("/engine.io/?EIO=4&transport=polling").statusCode()).as("another client, afterwards")
			.isEqualTo(200);
	}

	@Test
	void aLongPollHeldLongerThanTheHeaderTimeoutIsAnsweredNormally() throws Exception {
		String open = get("/engine.io/?EIO=4&transport=polling").body();
		String sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf("\"", open.indexOf("\"sid\":\"") + 7));

		HttpResponse<String> poll = get("/engine.io/?EIO=4&transport=polling&sid=" + sid);

		assertThat(poll.statusCode()).isEqualTo(200);
		assertThat(poll.body()).as("the ping, after the 1.5 s ping interval").isEqualTo("2");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(TIMEOUT).build(),
				BodyHandlers.ofString());
	}

	@SpringBootApplication
	static class App {

		@Bean
		RouterFunction<ServerResponse> hello() {
			return RouterFunctions.route()
				.GET("/hello", (request) -> ServerResponse.ok().bodyValue("hello from WebFlux"))
				.build();
		}

		@Bean
		EngineIoServer echoEndpoint(EngineIoOptions socketIoEngineOptions) {
			return new EngineIoServer(socketIoEngineOptions.toBuilder().path("/engine.io/").build(),
					(session, message) -> session.send(EnginePacket.text(message.text())));
		}

	}

}
