package io.github.springsocketio.sample.interop;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.sample.SampleApplication;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interop profile, now on annotated handlers, still keeps the interop contract: checked event by event with the
 * official Java client. (Connection state recovery is on in this profile, so events carry their offset as a last
 * argument, which this client does not strip: the checks read the first arguments.)
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "socketio.node-id=node-a")
@ActiveProfiles("interop")
class InteropProfileTests {

	private static final long TIMEOUT_MS = 10_000;

	@LocalServerPort
	int port;

	private final List<Socket> sockets = new ArrayList<>();

	@AfterEach
	void disconnect() {
		this.sockets.forEach(Socket::disconnect);
	}

	@Test
	void echoAnswersWithTheSameArgumentsOrEmitsThemBack() throws Exception {
		Socket socket = connect("/", Map.of());
		Object[] answer = call(socket, "echo", "a", 1, new JSONObject().put("k", true), new byte[] { 7 });
		assertThat(answer).hasSize(4);
		assertThat(answer[0]).isEqualTo("a");
		assertThat(answer[1]).isEqualTo(1);
		assertThat(answer[2].toString()).isEqualTo("{\"k\":true}");
		assertThat((byte[]) answer[3]).containsExactly(7);
		BlockingQueue<Object[]> echoed = record(socket, "echo");
		socket.emit("echo", "no ack");
		assertThat(echoed.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS)[0]).isEqualTo("no ack");
		assertThat(call(socket, "echo-delayed", 20, "later", 2)).containsExactly("later", 2);
	}

	@Test
	void whoamiJoinAndLeaveDescribeTheSocket() throws Exception {
		Socket socket = connect("/", Map.of());
		assertThat(call(socket, "join", "blue")).containsExactly(true);
		JSONObject me = (JSONObject) call(socket, "whoami")[0];
		assertThat(me.getString("id")).isEqualTo(socket.id());
		assertThat(me.getString("nsp")).isEqualTo("/");
		assertThat(list(me.getJSONArray("rooms"))).containsExactlyElementsOf(
				socket.id().compareTo("blue") < 0 ? List.of(socket.id(), "blue") : List.of("blue", socket.id()));
		assertThat(me.getBoolean("recovered")).isFalse();
		assertThat(me.getString("node")).isEqualTo("node-a");
		assertThat(call(socket, "leave", "blue")).containsExactly(true);
		assertThat(list(((JSONObject) call(socket, "whoami")[0]).getJSONArray("rooms"))).containsExactly(socket.id());
	}

	@Test
	void broadcastsReachTheRoomWithBinaryKept() throws Exception {
		Socket sender = connect("/", Map.of());
		Socket member = connect("/", Map.of());
		Socket outsider = connect("/", Map.of());
		call(member, "join", "red");
		BlockingQueue<Object[]> received = record(member, "message");
		BlockingQueue<Object[]> outside = record(outsider, "message");
		assertThat(call(sender, "broadcast", "red", new JSONObject().put("hello", "red"))).containsExactly(true);
		assertThat(received.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS)[0].toString()).isEqualTo("{\"hello\":\"red\"}");
		assertThat(call(sender, "broadcast-binary", "red")).containsExactly(true);
		JSONObject binary = (JSONObject) received.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS)[0];
		assertThat((byte[]) binary.get("bytes")).hasSize(256).startsWith(0, 1, 2);
		assertThat((byte[]) binary.getJSONArray("nested").get(0)).containsExactly(1, 2, 3);
		assertThat(call(sender, "broadcast", JSONObject.NULL, "everyone")).containsExactly(true);
		assertThat(outside.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS)[0]).isEqualTo("everyone");
		assertThat(outside).isEmpty();
	}

	@Test
	void relayReachesTheRoomsOtherMembersButNotTheSender() throws Exception {
		Socket sender = connect("/", Map.of());
		Socket member = connect("/", Map.of());
		Socket outsider = connect("/", Map.of());
		call(sender, "join", "chat");
		call(member, "join", "chat");
		BlockingQueue<Object[]> toSender = record(sender, "message");
		BlockingQueue<Object[]> toMember = record(member, "message");
		BlockingQueue<Object[]> toOutsider = record(outsider, "message");
		assertThat(call(sender, "relay", "chat", new JSONObject().put("text", "hi"))).containsExactly(true);
		assertThat(toMember.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS)[0].toString()).isEqualTo("{\"text\":\"hi\"}");
		// a broadcast to the room after the relay reaches the sender: had the relay reached it, it would come first
		call(member, "broadcast", "chat", "after");
		assertThat(toSender.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS)[0]).isEqualTo("after");
		assertThat(toOutsider).isEmpty();
	}

	@Test
	void serverAckReportsTheClientsAnswerOrTheTimeout() throws Exception {
		Socket answering = connect("/", Map.of());
		answering.on("ask", (args) -> ((Ack) args[args.length - 1]).call("yes", args[0]));
		JSONObject answer = (JSONObject) call(answering, "server-ack", "q")[0];
		assertThat(list(answer.getJSONArray("answer"))).containsExactly("yes", "q");
		Socket silent = connect("/", Map.of());
		assertThat(((JSONObject) call(silent, "server-ack", "q")[0]).getString("error")).isEqualTo("timeout");
	}

	@Test
	void tickerAcknowledgesThenTicks() throws Exception {
		Socket socket = connect("/", Map.of());
		BlockingQueue<Object[]> ticks = record(socket, "tick");
		assertThat(call(socket, "ticker", new JSONObject().put("count", 3).put("intervalMs", 10))).containsExactly(true);
		for (int i = 0; i < 3; i++) {
			assertThat(ticks.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS)[0]).isEqualTo(i);
		}
	}

	@Test
	void benchBroadcastSendsCountMessagesThenAcknowledges() throws Exception {
		Socket socket = connect("/", Map.of());
		call(socket, "join", "bench");
		BlockingQueue<Object[]> messages = record(socket, "m");
		assertThat(call(socket, "bench-broadcast", "bench", 5, 3)).containsExactly(true);
		for (int i = 0; i < 5; i++) {
			JSONObject message = (JSONObject) messages.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS)[0];
			assertThat(message.getInt("seq")).isEqualTo(i);
			assertThat(message.getString("pad")).isEqualTo("xxx");
		}
	}

	@Test
	void disconnectMeDisconnectsFromTheServerSide() throws Exception {
		Socket socket = connect("/", Map.of());
		CompletableFuture<Object> reason = new CompletableFuture<>();
		socket.once(Socket.EVENT_DISCONNECT, (args) -> reason.complete(args[0]));
		socket.emit("disconnect-me");
		assertThat(reason.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isEqualTo("io server disconnect");
	}

	@Test
	void namespacesAdmitAsTheContractSays() throws Exception {
		JSONObject refused = refused("/admin", Map.of("token", "wrong"));
		assertThat(refused.toString()).isEqualTo("{\"data\":{\"reason\":\"invalid token\"},\"message\":\"unauthorized\"}");
		Socket admin = connect("/admin", Map.of("token", "secret"));
		assertThat(((JSONObject) call(admin, "whoami")[0]).getString("nsp")).isEqualTo("/admin");
		Socket dynamic = connect("/dyn-abc", Map.of());
		assertThat(((JSONObject) call(dynamic, "whoami")[0]).getString("nsp")).isEqualTo("/dyn-abc");
		assertThat(refused("/nope", Map.of()).getString("message")).isEqualTo("Invalid namespace");
	}

	@Test
	void unknownEventsAreIgnoredAndTheConnectionStays() throws Exception {
		Socket socket = connect("/", Map.of());
		CompletableFuture<Object[]> ignored = new CompletableFuture<>();
		socket.emit("no-such-event", new Object[] { 1 }, ignored::complete);
		assertThat(call(socket, "echo", "still")).containsExactly("still");
		assertThat(ignored).isNotDone();
	}

	private Socket connect(String namespace, Map<String, String> auth) throws Exception {
		Socket socket = socket(namespace, auth);
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> connected.completeExceptionally(new AssertionError(args[0])));
		socket.connect();
		connected.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		return socket;
	}

	private JSONObject refused(String namespace, Map<String, String> auth) throws Exception {
		Socket socket = socket(namespace, auth);
		CompletableFuture<Object> error = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> error.complete(args[0]));
		socket.connect();
		return (JSONObject) error.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
	}

	private Socket socket(String namespace, Map<String, String> auth) {
		Socket socket = IO.socket(URI.create("http://localhost:" + this.port + namespace), IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(new String[] { WebSocket.NAME })
			.setAuth(auth)
			.build());
		this.sockets.add(socket);
		return socket;
	}

	private static Object[] call(Socket socket, String event, Object... args) throws Exception {
		CompletableFuture<Object[]> answer = new CompletableFuture<>();
		socket.emit(event, args, answer::complete);
		return answer.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
	}

	private static List<Object> list(JSONArray array) throws Exception {
		List<Object> items = new ArrayList<>();
		for (int i = 0; i < array.length(); i++) {
			items.add(array.get(i));
		}
		return items;
	}

	private static BlockingQueue<Object[]> record(Socket socket, String event) {
		BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
		socket.on(event, queue::add);
		return queue;
	}

}
