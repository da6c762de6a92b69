package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.engine.CorsOptions;
import io.github.springsocketio.engine.EngineIoOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input catalogue: every malformed or hostile request, frame and packet a client can send over HTTP,
 * WebSocket, Engine.IO and Socket.IO gets the exact answer of the protocol (a status and body, a close code, a
 * CONNECT_ERROR, or the connection closed), and hurts no other client: two clients connected before the case, one
 * polling and one on WebSocket, are still answered after it, a new client connects, and nothing is logged at ERROR
 * nor with a stack trace. The cases share one server (and one that allows a single origin, for CORS) and do not
 * depend on each other's order.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputCatalogueTests {

	/** Node's default: room for the JSON nested 100,000 deep; oversized frames are refused by their length. */
	static final int MAX_PAYLOAD = 1_000_000;

	private static TestSocketIOServer server;

	private static TestSocketIOServer corsServer;

	@BeforeAll
	static void startServers() {
		server = start(UnaryOperator.identity());
		corsServer = start((engine) -> engine.cors(CorsOptions.builder()
			.allowedOrigins(List.of(BadInput.ALLOWED_ORIGIN))
			.build()));
	}

	private static TestSocketIOServer start(UnaryOperator<EngineIoOptions.Builder> engine) {
		return TestSocketIOServer.start(engine.apply(EngineIoOptions.builder().maxHttpBufferSize(MAX_PAYLOAD)).build(),
				SocketIOOptions.defaults(), InMemoryAdapter::new, (io) -> {
					io.onConnection(BadInputCatalogueTests::echo);
					io.of("/custom").onConnection(BadInputCatalogueTests::echo);
					io.of(BadInput.SLOW_NAMESPACE)
						.use((socket) -> Mono.delay(Duration.ofMillis(300)).then())
						.onConnection(BadInputCatalogueTests::echo);
				});
	}

	private static void echo(SocketIOSocket socket) {
		socket.on("echo", (args, ack) -> ack.send(args.toArray()));
	}

	@AfterAll
	static void stopServers() {
		server.close();
		corsServer.close();
	}

	static Stream<BadInput> catalogue() {
		return Stream.of(HttpBadInputs.cases(), EngineIoBadInputs.cases(), SocketIoBadInputs.cases())
			.flatMap(List::stream);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("catalogue")
	void getsItsAnswerAndHurtsNoOtherClient(BadInput input, CapturedOutput output) throws Exception {
		TestSocketIOServer target = input.corsServer() ? corsServer : server;
		RawPollingClient pollingBystander = BadInput.pollingSocket(target);
		try (WireClient webSocketBystander = BadInput.webSocketSocket(target)) {

			input.check().run(target);

			BadInput.assertEchoes(pollingBystander);
			BadInput.assertEchoes(webSocketBystander);
			try (WireClient newcomer = BadInput.webSocketSocket(target)) {
				BadInput.assertEchoes(newcomer);
			}
		}
		finally {
			pollingBystander.postBody("1");
		}
		assertThat(output.getAll()).as("the log").doesNotContain("ERROR").doesNotContainPattern("(?m)^\\s+at ");
	}

}
