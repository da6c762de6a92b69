package io.github.springsocketio.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.springsocketio.protocol.MsgPack;
import io.github.springsocketio.testing.Resources;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The emitter of the Redis PUB/SUB adapter publishes what {@code @socket.io/redis-emitter} 5 publishes (compared
 * message by message on a real Redis), and a Java node and a Node.js node ({@code createAdapter}) of one cluster
 * carry out each of its operations.
 */
class RedisEmitterTests {

	private static final Duration TIMEOUT = TestClient.TIMEOUT;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = TestRedis.shared();

	private final String key = TestRedis.uniqueName("sio-emitter");

	private final RedisEmitter emitter = emitter();

	private ClusterNode java;

	private NodePeer node;

	private String nodeUrl;

	private RedisEmitter emitter() {
		LettuceConnectionFactory factory = this.redis.connectionFactory();
		this.resources.add(factory::destroy);
		RedisEmitter emitter = new RedisEmitter(factory, RedisAdapterOptions.builder().key(this.key).build(), MAPPER);
		this.resources.add(emitter::close);
		return emitter;
	}

	/** Starts a Java node and a Node.js node with the emitter's key; waits until each counts the other. */
	private void startBothNodes() {
		this.java = this.resources.add(
				ClusterNode.startPubSub("java", this.redis, RedisAdapterOptions.builder().key(this.key).build()));
		this.node = this.resources.add(NodePeer.start());
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("redisUrl", this.redis.url());
		server.put("adapter", "redis");
		server.put("key", this.key);
		server.put("node", "node");
		this.nodeUrl = "http://127.0.0.1:" + this.node.call("startServer", server).get("port").asInt();
		Awaitility.await("both nodes subscribed").atMost(TIMEOUT.multipliedBy(3))
			.until(() -> this.java.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2
					&& this.node.call("serverCount", Map.of()).asInt() == 2);
	}

	private TestClient javaClient(String namespace, String room) {
		TestClient client = this.resources.add(TestClient.connect(this.java.url(), namespace));
		client.call("join", room);
		return client;
	}

	@Test
	void publishesTheMessagesOfNodesRedisEmitter() throws Exception {
		this.node = this.resources.add(NodePeer.start());
		BlockingQueue<Published> published = listen();

		assertSamePublished(published, nodeEmitter("emit", "/", List.of("room1"), List.of("room2"), true, false,
				"news", List.of("text", 42, Map.of("nested", true))),
				this.emitter.to("room1").except("room2").asVolatile().compress(false)
					.emit("news", "text", 42, Map.of("nested", true)));
		assertSamePublished(published, nodeEmitter("emit", "/chat", List.of("room1", "room2"), List.of(), false, null,
				"news", List.of(NodePeer.bin(new byte[] { 1, 2 }))),
				this.emitter.of("chat").to("room1", "room2").emit("news", (Object) new byte[] { 1, 2 }));
		assertSamePublished(published, nodeEmitter("socketsJoin", "/", List.of("room1"), List.of("room9"), false, null,
				null, List.of("room2", "room3")), this.emitter.in("room1").except("room9").socketsJoin("room2", "room3"));
		assertSamePublished(published, nodeEmitter("socketsLeave", "/", List.of(), List.of(), false, null, null,
				List.of("room1")), this.emitter.of("/").socketsLeave("room1"));
		Map<String, Object> disconnect = nodeEmitter("disconnectSockets", "/", List.of("room1"), List.of(), false, null,
				null, List.of());
		disconnect.put("close", true);
		assertSamePublished(published, disconnect, this.emitter.in("room1").disconnectSockets(true));
		assertSamePublished(published, nodeEmitter("serverSideEmit", "/chat", List.of(), List.of(), false, null,
				"hello", List.of("from emitter", 7)), this.emitter.of("/chat").serverSideEmit("hello", "from emitter", 7));
	}

	/** The Node.js emitter's operation and the Java one publish the same message on the same channel. */
	private void assertSamePublished(BlockingQueue<Published> published, Map<String, Object> nodeOperation,
			Mono<Void> javaOperation) throws InterruptedException {
		this.node.call("redisEmitter", nodeOperation);
		Published byNode = published.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		javaOperation.block(TIMEOUT);
		Published byJava = published.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(byNode).as("published by @socket.io/redis-emitter").isNotNull();
		assertThat(byJava).as("published by the Java emitter").isEqualTo(byNode);
	}

	private Map<String, Object> nodeEmitter(String action, String namespace, List<String> rooms, List<String> except,
			boolean isVolatile, Boolean compress, String event, List<Object> args) {
		Map<String, Object> operation = new LinkedHashMap<>();
		operation.put("redisUrl", this.redis.url());
		operation.put("key", this.key);
		operation.put("nsp", namespace);
		operation.put("rooms", rooms);
		operation.put("except", except);
		operation.put("volatile", isVolatile);
		if (compress != null) {
			operation.put("compress", compress);
		}
		operation.put("action", action);
		if (event != null) {
			operation.put("event", event);
		}
		operation.put("args", args);
		return operation;
	}

	/** A message on one of the key's channels, decoded as the nodes decode it. */
	private record Published(String channel, JsonNode message) {
	}

	private BlockingQueue<Published> listen() {
		BlockingQueue<Published> published = new LinkedBlockingQueue<>();
		RedisClient client = RedisClient.create(this.redis.url());
		this.resources.add(client::shutdown);
		StatefulRedisPubSubConnection<byte[], byte[]> connection = client.connectPubSub(ByteArrayCodec.INSTANCE);
		connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(byte[] pattern, byte[] channel, byte[] body) {
				JsonNode message = (body.length > 0 && body[0] == '{') ? MAPPER.readTree(body) : MsgPack.decode(body);
				published.add(new Published(new String(channel, StandardCharsets.UTF_8), sortRoomLists(message)));
			}

		});
		connection.sync().psubscribe((this.key + "*").getBytes(StandardCharsets.UTF_8));
		return published;
	}

	/**
	 * Sorts the room lists ({@code rooms}, {@code except}) of a message: every node reads them as sets, and the Java
	 * emitter, as the Java server, keeps no order among the rooms of an operator.
	 */
	private static JsonNode sortRoomLists(JsonNode message) {
		if (message instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				JsonNode value = object.get(name);
				if ((name.equals("rooms") || name.equals("except")) && value instanceof ArrayNode rooms) {
					ArrayNode sorted = object.putArray(name);
					rooms.valueStream().map(JsonNode::asString).sorted().forEach(sorted::add);
				}
				else {
					sortRoomLists(value);
				}
			}
		}
		else if (message instanceof ArrayNode array) {
			array.forEach(RedisEmitterTests::sortRoomLists);
		}
		return message;
	}

	@Test
	void broadcastsReachTheirRoomsOnBothNodesAndNotTheExcepted() {
		startBothNodes();
		TestClient javaInRoom1 = javaClient("/", "room1");
		TestClient javaInRoom2 = javaClient("/", "room2");
		this.node.connectClient("js1", this.nodeUrl, "room1");
		this.node.connectClient("js2", this.nodeUrl, "room2");

		this.emitter.to("room1").emit("one-room", "from emitter", new byte[] { 1, 2, 3 }).block(TIMEOUT);
		this.emitter.except("room1").emit("all-but-room1", "from emitter").block(TIMEOUT);
		this.emitter.to("room1", "room2").except("room2").asVolatile().emit("two-rooms", "from emitter").block(TIMEOUT);
		this.emitter.emit("end").block(TIMEOUT);

		javaInRoom1.await("end");
		javaInRoom2.await("end");
		this.node.awaitEvents("js1", "end", 1);
		this.node.awaitEvents("js2", "end", 1);
		// The volatile event is awaited rather than expected before "end": it takes the path that may drop it, and
		// only its arrival, not its order, is what this test is about.
		javaInRoom1.await("two-rooms");
		this.node.awaitEvents("js1", "two-rooms", 1);
		assertThat((byte[]) javaInRoom1.await("one-room").arg(1)).containsExactly(1, 2, 3);
		assertThat(NodePeer.bytes(this.node.events("js1", "one-room").get(0).get(1))).containsExactly(1, 2, 3);
		assertThat(javaInRoom1.events("all-but-room1")).isEmpty();
		assertThat(javaInRoom1.events("two-rooms")).hasSize(1);
		assertThat(javaInRoom2.events("one-room")).isEmpty();
		assertThat(javaInRoom2.events("all-but-room1")).hasSize(1);
		assertThat(javaInRoom2.events("two-rooms")).isEmpty();
		assertThat(this.node.events("js1", "all-but-room1")).isEmpty();
		assertThat(this.node.events("js1", "two-rooms")).hasSize(1);
		assertThat(this.node.events("js2", "one-room")).isEmpty();
		assertThat(this.node.events("js2", "all-but-room1")).hasSize(1);
		assertThat(this.node.events("js2", "two-rooms")).isEmpty();
	}

	@Test
	void broadcastsReachTheClientsOfAnotherNamespaceOnBothNodes() {
		startBothNodes();
		TestClient javaClient = javaClient("/dyn-news", "room1");
		this.node.call("connect", Map.of("name", "js", "url", this.nodeUrl, "nsp", "/dyn-news"));
		TestClient mainNamespace = javaClient("/", "room1");

		this.emitter.of("dyn-news").emit("headline", "from emitter").block(TIMEOUT);

		assertThat(javaClient.await("headline").args()).containsExactly("from emitter");
		assertThat(this.node.awaitEvents("js", "headline", 1).get(0).get(0).asString()).isEqualTo("from emitter");
		this.emitter.emit("end").block(TIMEOUT);
		mainNamespace.await("end");
		assertThat(mainNamespace.events("headline")).isEmpty();
	}

	@Test
	void roomOperationsApplyOnBothNodes() {
		startBothNodes();
		TestClient javaClient = javaClient("/", "room1");
		TestClient javaOutside = javaClient("/", "room9");
		this.node.connectClient("js", this.nodeUrl, "room1");

		this.emitter.in("room1").socketsJoin("room2", "room3").block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(javaClient.rooms()).contains("room2", "room3");
			assertThat(this.node.firstSocketRooms()).contains("room2", "room3");
		});
		this.emitter.in("room2").socketsLeave("room1").block(TIMEOUT);
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(javaClient.rooms()).doesNotContain("room1");
			assertThat(this.node.firstSocketRooms()).doesNotContain("room1");
		});
		assertThat(javaOutside.rooms()).doesNotContain("room2", "room3");

		this.emitter.in("room2").disconnectSockets(true).block(TIMEOUT);
		assertThat(javaClient.awaitDisconnect()).isEqualTo("io server disconnect");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("disconnects", Map.of("name", "js"))
			.valueStream()
			.map(JsonNode::asString)).containsExactly("io server disconnect"));
		assertThat(javaOutside.connected()).isTrue();
	}

	@Test
	void serverSideEventsReachTheHandlersOfBothNodes() {
		startBothNodes();
		List<String> received = new CopyOnWriteArrayList<>();
		this.java.server().defaultNamespace().onServerSideEmit("hello",
				(args, ack) -> received.add(args.text(0) + ":" + args.node(1) + ":" + ack.requested()));

		this.emitter.serverSideEmit("hello", "from emitter", 7).block(TIMEOUT);

		Awaitility.await().atMost(TIMEOUT).until(() -> !received.isEmpty());
		assertThat(received).containsExactly("from emitter:7:false");
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.node.call("serverSideEvents", Map.of())
			.valueStream()
			.map(JsonNode::toString)).containsExactly("{\"event\":\"hello\",\"args\":[\"from emitter\",7]}"));
	}

	@Test
	void refusesWhenCalledWhatNoNodeWouldCarryOut() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.emitter.emit("disconnect"))
			.withMessageContaining("reserved");
		assertThatIllegalArgumentException().isThrownBy(() -> this.emitter.to("room1").emit("connect_error"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.emitter.serverSideEmit("connection"));
		Consumer<Object> ack = (answer) -> {
		};
		assertThatIllegalArgumentException().isThrownBy(() -> this.emitter.serverSideEmit("ping", 1, ack))
			.withMessageContaining("acknowledgements");
	}

}
