package io.github.springsocketio.sample.chat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.sample.SampleApplication;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat's rules as a client meets them: a name to get in, known rooms only, validated messages, history.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatHandlersTests {

	private static final long TIMEOUT_MS = 10_000;

	@LocalServerPort
	int port;

	private final List<Socket> sockets = new ArrayList<>();

	@AfterEach
	void disconnect() {
		this.sockets.forEach(Socket::disconnect);
	}

	@Test
	void aClientWithoutANameIsRefused() throws Exception {
		Socket socket = socket(Map.of());
		CompletableFuture<Object> error = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> error.complete(args[0]));
		socket.connect();
		JSONObject refusal = (JSONObject) error.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		assertThat(refusal.getString("message")).isEqualTo("invalid name");
	}

	@Test
	void joiningARoomGivesItsUsersAndHistory() throws Exception {
		Socket carol = connect("Carol");
		JSONObject state = (JSONObject) call(carol, "join", new JSONObject().put("room", "help"));
		assertThat(state.getString("room")).isEqualTo("help");
		assertThat(state.getJSONArray("users").getString(0)).isEqualTo("Carol");
		call(carol, "chat message", new JSONObject().put("text", "anyone here?"));

		Socket dave = connect("Dave");
		JSONObject later = (JSONObject) call(dave, "join", new JSONObject().put("room", "help"));
		assertThat(later.getJSONArray("users").length()).isEqualTo(2);
		JSONObject first = later.getJSONArray("history").getJSONObject(0);
		assertThat(first.getString("from")).isEqualTo("Carol");
		assertThat(first.getString("text")).isEqualTo("anyone here?");
	}

	@Test
	void unknownRoomsAndInvalidMessagesAreAnsweredWithErrors() throws Exception {
		Socket erin = connect("Erin");
		JSONObject unknown = ((JSONObject) call(erin, "join", new JSONObject().put("room", "vip")))
			.getJSONObject("error");
		assertThat(unknown.getString("code")).isEqualTo("UNKNOWN_ROOM");
		JSONObject notInRoom = ((JSONObject) call(erin, "chat message", new JSONObject().put("text", "hi")))
			.getJSONObject("error");
		assertThat(notInRoom.getString("code")).isEqualTo("NOT_IN_A_ROOM");
		call(erin, "join", new JSONObject().put("room", "random"));
		JSONObject tooLong = ((JSONObject) call(erin, "chat message", new JSONObject().put("text", "x".repeat(501))))
			.getJSONObject("error");
		assertThat(tooLong.getString("code")).isEqualTo("VALIDATION_FAILED");
		assertThat(tooLong.getJSONArray("details").getJSONObject(0).getString("path")).isEqualTo("text");
	}

	private Socket connect(String name) throws Exception {
		Socket socket = socket(Map.of("name", name));
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.connect();
		connected.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		return socket;
	}

	private Socket socket(Map<String, String> auth) {
		Socket socket = IO.socket(URI.create("http://localhost:" + this.port + "/chat"), IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(new String[] { WebSocket.NAME })
			.setAuth(auth)
			.build());
		this.sockets.add(socket);
		return socket;
	}

	private static Object call(Socket socket, String event, Object... args) throws Exception {
		CompletableFuture<Object[]> answer = new CompletableFuture<>();
		socket.emit(event, args, answer::complete);
		return answer.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)[0];
	}

}
