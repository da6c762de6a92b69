package io.github.springsocketio.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.adapter.redis.TestRedis;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.UserRooms;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.springsocketio.security.JwtSocketAuthenticationTests.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of one application, each its own Spring context with real Spring Security (a JWT resource server) on one
 * real Redis with the Redis Streams adapter: {@code toUser} reaches every socket of that user on both nodes and no
 * other, and {@code fetchSockets} tells whose each socket of the other node is.
 */
class UsersAcrossNodesTests {

	private static final Duration TIMEOUT = SecureClient.TIMEOUT;

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = TestRedis.shared();

	private Node a;

	private Node b;

	/** One node: its context, its port and its server. */
	private record Node(ConfigurableApplicationContext context, int port, SocketIOServer server) implements AutoCloseable {

		static Node start(TestRedis redis, String stream) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(
					JwtSocketAuthenticationTests.ResourceServerApplication.class)
				.web(WebApplicationType.REACTIVE)
				.run("--server.port=0", "--spring.data.redis.url=" + redis.url(),
						"--socketio.adapter.type=redis-streams", "--socketio.adapter.redis.stream-name=" + stream,
						"--socketio.adapter.redis.channel-prefix=" + stream,
						"--socketio.adapter.redis.session-key-prefix=" + stream + ":session:",
						"--socketio.adapter.redis.block-time=1s",
						"--socketio.security.namespaces.public.allow-anonymous=true");
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			return new Node(context, port, context.getBean(SocketIOServer.class));
		}

		/** Whether its read loops know where the stream ends and it counts both nodes in each namespace. */
		boolean ready() {
			RedisStreamsAdapterFactory adapters = this.context.getBean(RedisStreamsAdapterFactory.class);
			return !adapters.lastReadIds().isEmpty()
					&& adapters.lastReadIds().values().stream().allMatch(Objects::nonNull)
					&& this.server.defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2
					&& this.server.of("/public").adapter().serverCount().block(TIMEOUT) == 2;
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	@BeforeEach
	void startTwoNodes() {
		String stream = TestRedis.uniqueName("sio-users");
		this.a = this.resources.add(Node.start(this.redis, stream));
		this.b = this.resources.add(Node.start(this.redis, stream));
		Awaitility.await("both nodes count each other").atMost(TIMEOUT).until(() -> this.a.ready() && this.b.ready());
	}

	private SecureClient client(Node node, String user) {
		return this.resources.add(SecureClient.withAuthToken(node.port(), "/", token(user, "chat"))
			.record("note")
			.record("fence")
			.connect());
	}

	@Test
	void toUserFromOneNodeReachesEverySocketOfThatUserOnBothNodesAndNoOther() throws Exception {
		SecureClient alice1 = client(this.a, "alice");
		SecureClient alice2 = client(this.a, "alice");
		SecureClient alice3 = client(this.b, "alice");
		SecureClient bobOnA = client(this.a, "bob");
		SecureClient bobOnB = client(this.b, "bob");
		List<SecureClient> everyone = List.of(alice1, alice2, alice3, bobOnA, bobOnB);

		this.b.server().toUser("alice").emit("note", "for alice");
		// the stream keeps order: whoever has the fence has everything B sent before it
		this.b.server().emit("fence");

		for (SecureClient client : everyone) {
			client.next("fence");
		}
		for (SecureClient alice : List.of(alice1, alice2, alice3)) {
			assertThat(alice.pending("note")).containsExactly("for alice");
		}
		assertThat(bobOnA.pending("note")).isEmpty();
		assertThat(bobOnB.pending("note")).isEmpty();
	}

	@Test
	void fetchSocketsOnOneNodeTellsWhoseTheSocketsOfTheOtherNodeAre() {
		SecureClient alice1 = client(this.a, "alice");
		SecureClient alice2 = client(this.a, "alice");
		SecureClient alice3 = client(this.b, "alice");
		SecureClient bob = client(this.a, "bob");
		SecureClient anonymous = this.resources.add(SecureClient.anonymous(this.a.port(), "/public").connect());

		List<RemoteSocket> sockets = this.b.server().fetchSockets().block(TIMEOUT);
		List<RemoteSocket> alicesSockets = this.b.server().toUser("alice").fetchSockets().block(TIMEOUT);
		List<RemoteSocket> inPublic = this.b.server().of("/public").fetchSockets().block(TIMEOUT);

		Map<String, String> users = sockets.stream()
			.collect(Collectors.toMap(RemoteSocket::id, (socket) -> socket.user().orElse("")));
		assertThat(users).containsOnly(Map.entry(alice1.id(), "alice"), Map.entry(alice2.id(), "alice"),
				Map.entry(alice3.id(), "alice"), Map.entry(bob.id(), "bob"));
		assertThat(alicesSockets).extracting(RemoteSocket::id)
			.containsExactlyInAnyOrder(alice1.id(), alice2.id(), alice3.id());
		RemoteSocket onA = alicesSockets.stream().filter((s) -> s.id().equals(alice1.id())).findFirst().orElseThrow();
		assertThat(onA.rooms()).containsExactlyInAnyOrder(alice1.id(), UserRooms.of("alice"));
		assertThat(inPublic).singleElement().satisfies((socket) -> {
			assertThat(socket.id()).isEqualTo(anonymous.id());
			assertThat(socket.user()).isEmpty();
		});
	}

}
