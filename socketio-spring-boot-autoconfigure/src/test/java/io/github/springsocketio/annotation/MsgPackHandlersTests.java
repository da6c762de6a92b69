package io.github.springsocketio.annotation;

import java.io.IOException;

import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOSocket;
import io.github.springsocketio.testing.NodeScripts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Annotated handlers work the same with the msgpack parser: socket.io-client with socket.io-msgpack-parser, over
 * WebSocket and over polling, gets typed arguments converted (numbers, records, trees, {@code byte[]}), return values
 * as acknowledgements, connect handlers, namespaces and broadcasts with binary.
 */
@SpringBootTest(classes = MsgPackHandlersTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "socketio.parser=msgpack")
class MsgPackHandlersTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void handlersSeeTheSameValuesAsWithTheDefaultParser(String transport) throws Exception {
		JsonNode result = runClient(transport);

		assertThat(result.get("transports")).allSatisfy((name) -> assertThat(name.asString()).isEqualTo(transport));
		assertThat(result.get("sum").asLong()).isEqualTo(2 + (1L << 40));
		assertThat(result.get("binary").asString()).isEqualTo("030201");
		assertThat(result.get("record")).isEqualTo(JsonMapper.builder().build().readTree("{\"room\":\"r1\",\"length\":5}"));
		assertThat(result.get("tree").asString()).isEqualTo("OBJECT");
		assertThat(result.get("welcome").asString()).isEqualTo("hello ada");
		assertThat(result.get("where").asString()).isEqualTo("/chat");
		assertThat(result.get("news")).hasSize(2).allSatisfy((news) -> {
			assertThat(news.get(0).asString()).isEqualTo("hi");
			assertThat(news.get(1).asString()).isEqualTo("0909");
		});
	}

	private JsonNode runClient(String transport) throws IOException, InterruptedException {
		return NodeScripts.runForLastJsonLine("msgpack-handlers-check.mjs", "http://localhost:" + this.port, transport);
	}

	record Message(String room, String text) {
	}

	record Receipt(String room, int length) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Application.MainHandlers.class, Application.ChatHandlers.class })
	static class Application {

		static class MainHandlers {

			@SocketIOEvent("sum")
			long sum(int a, long b) {
				return a + b;
			}

			@SocketIOEvent("binary")
			byte[] reverse(byte[] data) {
				byte[] reversed = new byte[data.length];
				for (int i = 0; i < data.length; i++) {
					reversed[i] = data[data.length - 1 - i];
				}
				return reversed;
			}

			@SocketIOEvent("record")
			Receipt record(Message message) {
				return new Receipt(message.room(), message.text().length());
			}

			@SocketIOEvent("tree")
			String kind(JsonNode node) {
				return node.getNodeType().name();
			}

			@SocketIOEvent("shout")
			void shout(Namespace namespace, String text) {
				namespace.emit("news", text, new byte[] { 9, 9 });
			}

		}

		@SocketIONamespace("/chat")
		static class ChatHandlers {

			@OnConnect
			void connected(SocketIOSocket socket, @Auth("name") String name) {
				socket.emit("welcome", "hello " + name);
			}

			@SocketIOEvent("where")
			String where(Namespace namespace) {
				return namespace.name();
			}

		}

	}

}
