package io.github.springsocketio.server;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One case of the bad-input catalogue: what a client sends and the exact answer it must get, named for the report
 * ({@code "EIO: polling POST with packet type 9 → 400, session closed"}). The answers are checked here; that no
 * other client suffers is checked around every case by {@link BadInputCatalogueTests}.
 *
 * @param name the family and the case, as shown in the test report
 * @param corsServer whether the case needs the server that only allows one origin
 * @param check sends the bad input to the server and asserts the answer
 */
record BadInput(String name, boolean corsServer, Check check) {

	/** The origin the CORS server allows. */
	static final String ALLOWED_ORIGIN = "http://allowed.example";

	/** The namespace whose connect middleware takes a while: CONNECTs repeated meanwhile are premature. */
	static final String SLOW_NAMESPACE = "/slow";

	/** Sends a bad input and asserts the answer. */
	@FunctionalInterface
	interface Check {

		void run(TestSocketIOServer server) throws Exception;

	}

	static BadInput of(String name, Check check) {
		return new BadInput(name, false, check);
	}

	static BadInput onCorsServer(String name, Check check) {
		return new BadInput(name, true, check);
	}

	@Override
	public String toString() {
		return this.name;
	}

	/** A socket of the default namespace sends the messages, which are ignored: the socket is still served. */
	static BadInput ignored(String name, String... messages) {
		return of(name, (server) -> {
			try (WireClient victim = webSocketSocket(server)) {
				for (String message : messages) {
					victim.sendText(message);
				}
				assertEchoes(victim);
			}
		});
	}

	// Clients the cases start from

	/** A polling session that joined the default namespace. */
	static RawPollingClient pollingSocket(TestSocketIOServer server) {
		RawPollingClient client = new RawPollingClient(server);
		client.handshake();
		client.post("40");
		assertThat(client.poll()).singleElement().asString().startsWith("40{\"sid\":");
		return client;
	}

	/** A WebSocket-only session that joined a namespace. */
	static WireClient webSocketSocket(TestSocketIOServer server, String namespace) {
		WireClient client = WireClient.webSocket(server.port());
		String prefix = "/".equals(namespace) ? "" : namespace + ",";
		client.sendText("40" + prefix);
		assertThat(client.nextText()).startsWith("40" + prefix + "{\"sid\":");
		return client;
	}

	static WireClient webSocketSocket(TestSocketIOServer server) {
		return webSocketSocket(server, "/");
	}

	// Answers

	/** The socket of the default namespace is still served: an event with an acknowledgement is answered. */
	static void assertEchoes(WireClient client) {
		assertEchoes(client, "");
	}

	/** @param namespacePrefix {@code ""} for the default namespace, else e.g. {@code "/slow,"} */
	static void assertEchoes(WireClient client, String namespacePrefix) {
		client.sendText("42" + namespacePrefix + "7[\"echo\",\"still served\"]");
		assertThat(client.nextText()).isEqualTo("43" + namespacePrefix + "7[\"still served\"]");
	}

	static void assertEchoes(RawPollingClient client) {
		client.post("427[\"echo\",\"still served\"]");
		assertThat(client.poll()).containsExactly("437[\"still served\"]");
	}

	/** The server ended the connection as for a protocol violation: a normal close frame, then the end. */
	static void assertClosedByServer(WireClient client) {
		assertThat(client.awaitCloseFrame()).isEqualTo(1000);
	}

	/** A polling session that the server closed: the next poll collects the close packet, then it is unknown. */
	static void assertClosePacketThenGone(RawPollingClient client) {
		assertThat(client.poll()).containsExactly("1");
		assertGone(client);
	}

	/** The session is unknown: {@code 400 {"code":1,"message":"Session ID unknown"}}. */
	static void assertGone(RawPollingClient client) {
		assertJsonError(client.get(), 400, 1, "Session ID unknown");
	}

	static void assertJsonError(HttpResponse<String> response, int status, int code, String message) {
		assertJsonError(response.statusCode(), response.headers().firstValue("content-type").orElse(null),
				response.body(), status, code, message);
	}

	static void assertJsonError(WireClient.Response response, int status, int code, String message) {
		assertJsonError(response.status(), response.header("content-type"), response.body(), status, code, message);
	}

	private static void assertJsonError(int actualStatus, String contentType, String body, int status, int code,
			String message) {
		assertThat(List.of(actualStatus, String.valueOf(contentType), body)).containsExactly(status, "application/json",
				"{\"code\":" + code + ",\"message\":\"" + message + "\"}");
	}

	/** An empty-bodied status, as the reference answers some failures inside a polling session. */
	static void assertEmpty(HttpResponse<String> response, int status) {
		assertThat(List.of(response.statusCode(), response.body())).containsExactly(status, "");
	}

	/** A refused WebSocket upgrade: the message as plain text, then the connection closed. */
	static void assertRefusedUpgrade(WireClient client, WireClient.Response response, int status, String message) {
		assertThat(List.of(response.status(), String.valueOf(response.header("content-type")), response.body()))
			.containsExactly(status, "text/html", message);
		assertThat(client.closedByServer()).as("connection closed").isTrue();
	}

}
