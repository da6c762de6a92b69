package io.github.springsocketio.autoconfigure.webapp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
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
 * requests go to the engine, everything else to WebFlux.
 */
@SpringBootTest(classes = EngineIoOnTheApplicationPortTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "socketio.ping-interval=1500ms")
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
			assertThat(this.echoEndpoint.sessionCount()).isPositive();
		}
		finally {
			webSocket.abort();
		}
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
