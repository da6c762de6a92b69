package io.github.springsocketio.sample.chat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.springsocketio.sample.SampleApplication;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.awaitility.Awaitility;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat's rules as a client meets them: signed in to get in, known rooms only, validated messages, history, who
 * is online, and direct messages to every tab of one user.
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
	void aClientThatIsNotSignedInIsRefused() throws Exception {
		assertThat(refusal(Map.of())).isEqualTo("Authentication required");
		assertThat(refusal(Map.of("Cookie", List.of("SESSION=made-up")))).isEqualTo("Authentication required");
	}

	@Test
	void aSignedInClientIsWelcomedWithItsUserName() throws Exception {
		Socket socket = socket(SignIn.sessionCookie(this.port, "carol"));
		CompletableFuture<Object> welcome = new CompletableFuture<>();
		socket.once("welcome", (args) -> welcome.complete(args[0]));
		connect(socket);
		assertThat(((JSONObject) welcome.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).getString("name")).isEqualTo("carol");
	}

	@Test
	void joiningARoomGivesItsUsersAndHistory() throws Exception {
		Socket carol = connect("carol");
		JSONObject state = (JSONObject) call(carol, "join", new JSONObject().put("room", "help"));
		assertThat(state.getString("room")).isEqualTo("help");
		assertThat(state.getJSONArray("users").getString(0)).isEqualTo("carol");
		call(carol, "chat message", new JSONObject().put("text", "anyone here?"));

		Socket bob = connect("bob");
		JSONObject later = (JSONObject) call(bob, "join", new JSONObject().put("room", "help"));
		assertThat(later.getJSONArray("users").toString()).isEqualTo("[\"bob\",\"carol\"]");
		JSONObject first = later.getJSONArray("history").getJSONObject(0);
		assertThat(first.getString("from")).isEqualTo("carol");
		assertThat(first.getString("text")).isEqualTo("anyone here?");
	}

	@Test
	void unknownRoomsAndInvalidMessagesAreAnsweredWithErrors() throws Exception {
		Socket alice = connect("alice");
		JSONObject unknown = ((JSONObject) call(alice, "join", new JSONObject().put("room", "vip")))
			.getJSONObject("error");
		assertThat(unknown.getString("code")).isEqualTo("UNKNOWN_ROOM");
		JSONObject notInRoom = ((JSONObject) call(alice, "chat message", new JSONObject().put("text", "hi")))
			.getJSONObject("error");
		assertThat(notInRoom.getString("code")).isEqualTo("NOT_IN_A_ROOM");
		call(alice, "join", new JSONObject().put("room", "random"));
		JSONObject tooLong = ((JSONObject) call(alice, "chat message", new JSONObject().put("text", "x".repeat(501))))
			.getJSONObject("error");
		assertThat(tooLong.getString("code")).isEqualTo("VALIDATION_FAILED");
		assertThat(tooLong.getJSONArray("details").getJSONObject(0).getString("path")).isEqualTo("text");
	}

	@Test
	void theOnlineListHasEachUserOnceHoweverManyTabsAndFollowsTheirLeaving() throws Exception {
		String aliceSession = SignIn.sessionCookie(this.port, "alice");
		Socket alice = socket(aliceSession);
		AtomicReference<String> online = new AtomicReference<>();
		alice.on("online", (args) -> online.set(args[0].toString()));
		connect(alice);
		Socket aliceSecondTab = connect(socket(aliceSession));
		Socket bob = connect("bob");

		awaitOnline(online, "[\"alice\",\"bob\"]");
		bob.disconnect();
		awaitOnline(online, "[\"alice\"]");
		aliceSecondTab.disconnect();
		connect("carol");
		awaitOnline(online, "[\"alice\",\"carol\"]");
	}

	@Test
	void aDirectMessageReachesEveryTabOfTheUserAndTheSendersOtherTabs() throws Exception {
		String aliceSession = SignIn.sessionCookie(this.port, "alice");
		String bobSession = SignIn.sessionCookie(this.port, "bob");
		BlockingQueue<JSONObject> alice = new LinkedBlockingQueue<>();
		BlockingQueue<JSONObject> aliceSecondTab = new LinkedBlockingQueue<>();
		BlockingQueue<JSONObject> bob = new LinkedBlockingQueue<>();
		BlockingQueue<JSONObject> bobSecondTab = new LinkedBlockingQueue<>();
		BlockingQueue<JSONObject> carol = new LinkedBlockingQueue<>();
		Socket aliceSocket = connect(directMessagesInto(socket(aliceSession), alice));
		connect(directMessagesInto(socket(aliceSession), aliceSecondTab));
		Socket bobSocket = connect(directMessagesInto(socket(bobSession), bob));
		connect(directMessagesInto(socket(bobSession), bobSecondTab));
		connect(directMessagesInto(socket(SignIn.sessionCookie(this.port, "carol")), carol));

		JSONObject delivered = (JSONObject) call(aliceSocket, "direct message",
				new JSONObject().put("to", "bob").put("text", "psst, bob"));
		assertThat(delivered.has("error")).as("%s", delivered).isFalse();
		for (BlockingQueue<JSONObject> tab : List.of(bob, bobSecondTab, aliceSecondTab)) {
			JSONObject message = next(tab);
			assertThat(message.getString("id")).isEqualTo(delivered.getString("id"));
			assertThat(message.getString("from")).isEqualTo("alice");
			assertThat(message.getString("to")).isEqualTo("bob");
			assertThat(message.getString("text")).isEqualTo("psst, bob");
		}

		// what the sender and carol get next shows that the first message did not reach them
		call(bobSocket, "direct message", new JSONObject().put("to", "alice").put("text", "yes?"));
		assertThat(next(alice).getString("text")).isEqualTo("yes?");
		call(aliceSocket, "direct message", new JSONObject().put("to", "carol").put("text", "hi carol"));
		assertThat(next(carol).getString("text")).isEqualTo("hi carol");
	}

	@Test
	void aDirectMessageToSomeoneNotOnlineOrInvalidIsAnsweredWithAnError() throws Exception {
		Socket alice = connect("alice");
		JSONObject offline = ((JSONObject) call(alice, "direct message",
				new JSONObject().put("to", "dave").put("text", "hello?")))
			.getJSONObject("error");
		assertThat(offline.getString("code")).isEqualTo("NOT_ONLINE");
		assertThat(offline.getString("message")).isEqualTo("dave is not online");
		JSONObject blank = ((JSONObject) call(alice, "direct message", new JSONObject().put("to", "alice").put("text", " ")))
			.getJSONObject("error");
		assertThat(blank.getString("code")).isEqualTo("VALIDATION_FAILED");
	}

	private String refusal(Map<String, List<String>> headers) throws Exception {
		Socket socket = socket(headers);
		CompletableFuture<Object> error = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> error.complete(args[0]));
		socket.connect();
		return ((JSONObject) error.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).getString("message");
	}

	private static void awaitOnline(AtomicReference<String> online, String users) {
		Awaitility.await()
			.atMost(Duration.ofMillis(TIMEOUT_MS))
			.untilAsserted(() -> assertThat(online.get()).isEqualTo(users));
	}

	private static Socket directMessagesInto(Socket socket, BlockingQueue<JSONObject> received) {
		socket.on("direct message", (args) -> received.add((JSONObject) args[0]));
		return socket;
	}

	private static JSONObject next(BlockingQueue<JSONObject> received) throws InterruptedException {
		JSONObject message = received.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		assertThat(message).as("a direct message").isNotNull();
		return message;
	}

	private Socket connect(String user) throws Exception {
		return connect(socket(SignIn.sessionCookie(this.port, user)));
	}

	private static Socket connect(Socket socket) throws Exception {
		CompletableFuture<Void> connected = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> connected.complete(null));
		socket.connect();
		connected.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		return socket;
	}

	private Socket socket(String sessionCookie) {
		return socket(Map.of("Cookie", List.of(sessionCookie)));
	}

	private Socket socket(Map<String, List<String>> headers) {
		Socket socket = IO.socket(URI.create("http://localhost:" + this.port + "/chat"), IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(new String[] { WebSocket.NAME })
			.setExtraHeaders(headers)
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
