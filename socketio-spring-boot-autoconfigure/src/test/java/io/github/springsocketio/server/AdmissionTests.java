package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.engine.CloseReason;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client is let into a namespace once the middlewares agree (a dynamic parent's first), with a CONNECT that
 * carries its id, or refused with a CONNECT_ERROR; a recovered session gets the events it missed before its CONNECT,
 * each once.
 */
class AdmissionTests {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final List<String> observed = new ArrayList<>();

	private SocketIOServer server = server(SocketIOOptions.defaults(), InMemoryAdapter::new);

	private SocketIOServer server(SocketIOOptions options, AdapterFactory adapters) {
		SocketIOServer server = SocketIOServer.builder().options(options).adapterFactory(adapters).build();
		server.observe(new SocketIOObserver() {

			@Override
			public void socketConnected(Namespace namespace, boolean recovered) {
				AdmissionTests.this.observed.add("connected " + namespace.name() + (recovered ? " recovered" : ""));
			}

			@Override
			public void connectRefused(Namespace namespace, String reason) {
				AdmissionTests.this.observed.add("refused " + namespace.name() + " by " + reason);
			}

			@Override
			public void recoveryAttempted(Namespace namespace, boolean recovered) {
				AdmissionTests.this.observed.add("recovery " + (recovered ? "restored" : "missed"));
			}

		});
		return server;
	}

	@Test
	void withoutMiddlewaresAClientIsAcceptedWithAConnectCarryingItsSocketsId() {
		Namespace chat = this.server.of("/chat");
		List<SocketIOSocket> handled = new ArrayList<>();
		chat.onConnection(handled::add);
		LoopbackSession session = new LoopbackSession("s1");

		chat.connect(session.client(this.server), JSON.objectNode());

		assertThat(handled).hasSize(1);
		SocketIOSocket socket = handled.get(0);
		assertThat(chat.sockets()).containsOnlyKeys(socket.id());
		assertThat(session.written).containsExactly("40/chat,{\"sid\":\"" + socket.id() + "\"}");
		assertThat(chat.adapter().socketRooms(socket.id())).containsExactly(socket.id());
		assertThat(this.observed).containsExactly("connected /chat");
	}

	@Test
	void middlewaresRunInOrderTheDynamicParentsFirst() {
		List<String> ran = new ArrayList<>();
		ParentNamespace workspaces = this.server.of(Pattern.compile("^/workspace-\\d+$"));
		workspaces.use((socket) -> Mono.fromRunnable(() -> ran.add("parent")));
		Namespace child = workspaces.child("/workspace-1");
		child.use((socket) -> Mono.fromRunnable(() -> ran.add("first")));
		child.use((socket) -> Mono.fromRunnable(() -> ran.add("second")));
		List<String> handlers = new ArrayList<>();
		workspaces.onConnection((socket) -> handlers.add("parent"));
		child.onConnection((socket) -> handlers.add("child"));

		child.connect(new LoopbackSession("s1").client(this.server), JSON.objectNode());

		assertThat(ran).containsExactly("parent", "first", "second");
		assertThat(handlers).containsExactly("parent", "child");
		assertThat(child.sockets()).hasSize(1);
	}

	@Test
	void aMiddlewaresRefusalIsSentAsConnectErrorWithItsMessageAndData() {
		Namespace main = this.server.defaultNamespace();
		main.use((socket) -> Mono.error(new ConnectionRefusedException("not authorized", Map.of("code", 401))));
		List<SocketIOSocket> handled = new ArrayList<>();
		main.onConnection(handled::add);
		LoopbackSession session = new LoopbackSession("s1");

		main.connect(session.client(this.server), JSON.objectNode());

		assertThat(session.written).containsExactly("44{\"message\":\"not authorized\",\"data\":{\"code\":401}}");
		assertThat(main.sockets()).isEmpty();
		assertThat(handled).isEmpty();
		assertThat(this.observed).containsExactly("refused / by middleware");
	}

	@Test
	void anyOtherMiddlewareFailureIsRefusedWithItsMessage() {
		Namespace main = this.server.defaultNamespace();
		main.use((socket) -> Mono.error(new IllegalStateException("database down")));
		LoopbackSession session = new LoopbackSession("s1");

		main.connect(session.client(this.server), JSON.objectNode());

		assertThat(session.written).containsExactly("44{\"message\":\"database down\"}");
	}

	@Test
	void aFailingConnectionHandlerDoesNotKeepTheOthersFromTheSocket() {
		Namespace main = this.server.defaultNamespace();
		List<String> handled = new ArrayList<>();
		main.onConnection((socket) -> {
			throw new IllegalStateException("bug in the application");
		});
		main.onConnection((socket) -> handled.add(socket.id()));

		main.connect(new LoopbackSession("s1").client(this.server), JSON.objectNode());

		assertThat(handled).hasSize(1);
		assertThat(main.sockets()).containsOnlyKeys(handled.get(0));
	}

	@Test
	void aConnectionClosedMeanwhileIsNotAdmitted() {
		Namespace main = this.server.defaultNamespace();
		LoopbackSession session = new LoopbackSession("s1");
		session.close();

		main.connect(session.client(this.server), JSON.objectNode());

		assertThat(session.written).isEmpty();
		assertThat(main.sockets()).isEmpty();
		assertThat(this.observed).isEmpty();
	}

	@Test
	void aRecoveredSessionGetsWhatItMissedBeforeItsConnectEachEventOnce() {
		RestoredSession restored = new RestoredSession("old-sid", "old-pid", Set.of("room-1"), Map.of(),
				List.of(event("a", "offset-1"), event("b", "offset-2")));
		// the second read finds one event again and one that came meanwhile
		List<ArrayNode> readAgain = List.of(event("b", "offset-2"), event("c", "offset-3"));
		this.server = server(
				SocketIOOptions.defaults()
					.withRecovery(new ConnectionStateRecoveryOptions(Duration.ofMinutes(2), true)),
				(context) -> new Restoring(context, restored, readAgain));
		Namespace main = this.server.defaultNamespace();
		main.use((socket) -> Mono.error(new IllegalStateException("skipped for a recovered session")));
		LoopbackSession session = new LoopbackSession("s1");
		ObjectNode auth = JSON.objectNode().put("pid", "old-pid").put("offset", "offset-0");

		main.connect(session.client(this.server), auth);

		assertThat(session.written).containsExactly("backlog:42[\"a\",\"offset-1\"]", "backlog:42[\"b\",\"offset-2\"]",
				"backlog:42[\"c\",\"offset-3\"]", "40{\"sid\":\"old-sid\",\"pid\":\"old-pid\"}");
		assertThat(main.adapter().socketRooms("old-sid")).containsExactlyInAnyOrder("old-sid", "room-1");
		assertThat(this.observed).containsExactly("recovery restored", "connected / recovered");
	}

	@Test
	void aSessionThatCannotBeRestoredJoinsAsANewOne() {
		this.server = server(
				SocketIOOptions.defaults()
					.withRecovery(new ConnectionStateRecoveryOptions(Duration.ofMinutes(2), false)),
				InMemoryAdapter::new);
		Namespace main = this.server.defaultNamespace();
		ObjectNode auth = JSON.objectNode().put("pid", "unknown-pid").put("offset", "offset-0");

		main.connect(new LoopbackSession("s1").client(this.server), auth);

		assertThat(main.sockets()).hasSize(1).doesNotContainKey("old-sid");
		assertThat(this.observed).containsExactly("recovery missed", "connected /");
	}

	@Test
	void aRecoveryStillUnderWayIsCancelledWhenItsConnectionCloses() {
		AtomicBoolean cancelled = new AtomicBoolean();
		this.server = server(
				SocketIOOptions.defaults()
					.withRecovery(new ConnectionStateRecoveryOptions(Duration.ofMinutes(2), false)),
				(context) -> new InMemoryAdapter(context) {

					@Override
					public Mono<RestoredSession> restoreSession(String pid, String offset) {
						// waits, as a recovery queued behind a storm of others does
						return Mono.<RestoredSession>never().doOnCancel(() -> cancelled.set(true));
					}

				});
		Namespace main = this.server.defaultNamespace();
		LoopbackSession session = new LoopbackSession("s1");
		Client client = session.client(this.server);
		main.connect(client, JSON.objectNode().put("pid", "old-pid").put("offset", "offset-0"));

		assertThat(cancelled).isFalse();
		session.close();
		client.onClose(CloseReason.TRANSPORT_CLOSE);

		assertThat(cancelled).isTrue();
		assertThat(session.written).isEmpty();
		assertThat(main.sockets()).isEmpty();
	}

	private static ArrayNode event(String name, String offset) {
		return JSON.arrayNode().add(name).add(offset);
	}

	/** An in-memory adapter that restores one given session, and finds given events when it reads again. */
	private static final class Restoring extends InMemoryAdapter {

		private final RestoredSession restored;

		private final List<ArrayNode> readAgain;

		Restoring(AdapterContext context, RestoredSession restored, List<ArrayNode> readAgain) {
			super(context);
			this.restored = restored;
			this.readAgain = readAgain;
		}

		@Override
		public Mono<RestoredSession> restoreSession(String pid, String offset) {
			return Mono.just(this.restored);
		}

		@Override
		public Mono<List<ArrayNode>> missedPackets(Set<String> rooms, String offset) {
			return Mono.just(this.readAgain);
		}

	}

}
