package io.github.springsocketio.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.springsocketio.protocol.MsgPack;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.connection.RedisConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash-safe recovery records on a real Redis of the test's own: what a node keeps of each connected socket, how
 * much it writes for it, and how a client coming back to another node takes its record.
 */
class LiveSessionsTests {

	private static final Duration TIMEOUT = TestClient.TIMEOUT;

	private static final Duration WINDOW = Duration.ofSeconds(60);

	private static final Pattern HMSET_CALLS = Pattern.compile("cmdstat_hmset:calls=(\\d+)");

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = this.resources.add(TestRedis.start());

	private final RedisStreamsAdapterOptions options = TestRedis.options().build();

	private ClusterNode node(String id) {
		return this.resources.add(ClusterNode.start(id, this.redis, this.options,
				new ConnectionStateRecoveryOptions(WINDOW, true)));
	}

	private static LiveSessions live(ClusterNode node) {
		LiveSessions live = node.adapters().liveSessions();
		assertThat(live).isNotNull();
		return live;
	}

	/** The records a node keeps, by socket id. */
	private Map<String, JsonNode> records(ClusterNode node) {
		byte[] hash = live(node).hash(live(node).node()).getBytes(StandardCharsets.UTF_8);
		Map<String, JsonNode> records = new LinkedHashMap<>();
		try (RedisConnection connection = this.redis.connectionFactory().getConnection()) {
			Map<byte[], byte[]> fields = connection.hashCommands().hGetAll(hash);
			if (fields != null) {
				fields.values().forEach((value) -> {
					JsonNode record = MsgPack.decode(value);
					records.put(record.get("sid").asString(), record);
				});
			}
		}
		return records;
	}

	private JsonNode awaitRecord(ClusterNode node, String sid, List<String> rooms) {
		Awaitility.await("record of " + sid + " in " + rooms)
			.atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> records(node).containsKey(sid) && rooms(records(node).get(sid)).equals(rooms));
		return records(node).get(sid);
	}

	private static List<String> rooms(JsonNode record) {
		return record.get("rooms").valueStream().map(JsonNode::asString).sorted().toList();
	}

	private long hmsetCalls() {
		Matcher calls = HMSET_CALLS.matcher(this.redis.commands((redis) -> redis.info("commandstats")));
		return calls.find() ? Long.parseLong(calls.group(1)) : 0;
	}

	@Test
	void aConnectedSocketsIdsNamespaceRoomsAndDataAreKeptWhileItIsConnectedAndRemovedWhenItLeaves() {
		ClusterNode a = node("a");
		TestClient client = this.resources.add(TestClient.connect(a.url(), "/"));
		String id = client.id();

		JsonNode record = awaitRecord(a, id, List.of(id));
		assertThat(record.get("nsp").asString()).isEqualTo("/");
		assertThat(record.get("pid").asString()).hasSize(20).isNotEqualTo(id);
		assertThat(record.at("/data/origin").asString()).isEqualTo("a");

		client.call("join", "room1");
		awaitRecord(a, id, List.of(id, "room1").stream().sorted().toList());
		client.call("leave", "room1");
		awaitRecord(a, id, List.of(id));

		client.close();
		Awaitility.await("record removed").atMost(TIMEOUT).until(() -> !records(a).containsKey(id));
	}

	@Test
	void aJoinStormCostsOneWritePerSocketNotOnePerJoin() {
		ClusterNode a = node("a");
		List<TestClient> clients = List.of(this.resources.add(TestClient.connect(a.url(), "/")),
				this.resources.add(TestClient.connect(a.url(), "/")), this.resources.add(TestClient.connect(a.url(), "/")));
		clients.forEach((client) -> awaitRecord(a, client.id(), List.of(client.id())));
		long before = hmsetCalls();

		for (int room = 0; room < 100; room++) {
			a.server().local().socketsJoin("storm-" + room).block(TIMEOUT);
		}

		for (TestClient client : clients) {
			Awaitility.await("rooms of " + client.id())
				.atMost(TIMEOUT)
				.until(() -> records(a).get(client.id()).get("rooms").size() == 101);
		}
		// 300 room changes; one HSET carries every socket changed within a window (a slow machine may need a few)
		assertThat(hmsetCalls() - before).isBetween(1L, 5L);
	}

	@Test
	void theNodeRenewsOneLivenessKeyAndTheExpiryOfItsRecordsWhichRunsOutAfterTheRecoveryWindow() {
		ClusterNode a = node("a");
		TestClient client = this.resources.add(TestClient.connect(a.url(), "/"));
		awaitRecord(a, client.id(), List.of(client.id()));
		LiveSessions live = live(a);

		Awaitility.await("node renewed").atMost(TIMEOUT).untilAsserted(() -> {
			Long alive = this.redis.commands((redis) -> redis.exists(live.aliveKey(live.node())));
			List<String> nodes = this.redis.commands((redis) -> redis.zrange(live.nodes(), 0, -1));
			Long ttl = this.redis.commands((redis) -> redis.pttl(live.hash(live.node())));
			assertThat(alive).isEqualTo(1);
			assertThat(nodes).containsExactly(live.node());
			// the records live on for the recovery window (plus two renewals) after the last renewal
			assertThat(ttl).isGreaterThan(WINDOW.toMillis() - TIMEOUT.toMillis())
				.isLessThanOrEqualTo(WINDOW.plus(LiveSessions.DEFAULT_RENEWAL.multipliedBy(2)).toMillis());
		});

		a.close();
		Long left = this.redis.commands((redis) -> redis.exists(live.hash(live.node()), live.aliveKey(live.node())));
		List<String> nodes = this.redis.commands((redis) -> redis.zrange(live.nodes(), 0, -1));
		assertThat(left).as("a node that stops cleanly removes its keys").isZero();
		assertThat(nodes).isEmpty();
	}

	@Test
	void aClientComingBackToAnotherNodeWhileItsSocketStillLivesRecoversThereAndTheOldSocketIsDisconnected() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		TestClient old = this.resources.add(TestClient.connect(a.url(), "/"));
		String id = old.id();
		old.call("join", "room1");
		JsonNode record = awaitRecord(a, id, List.of(id, "room1").stream().sorted().toList());
		a.server().to(id).emit("welcome");
		List<Object> welcome = old.await("welcome").args();
		String offset = (String) welcome.get(welcome.size() - 1);
		a.server().to("room1").emit("missed", 1);
		old.await("missed");

		// as a client whose network was cut does: its node did not notice, it presents its pid and offset elsewhere
		NodePeer clients = this.resources.add(NodePeer.start());
		String backId = clients.call("connect", Map.of("name", "back", "url", b.url(), "auth",
				Map.of("pid", record.get("pid").asString(), "offset", offset))).get("id").asString();

		assertThat(backId).isEqualTo(id);
		JsonNode me = clients.call("clientEmit", Map.of("name", "back", "event", "whoami", "ack", true));
		assertThat(me.get("recovered").asBoolean()).isTrue();
		assertThat(me.get("node").asString()).isEqualTo("b");
		assertThat(me.get("rooms").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(id, "room1");
		assertThat(me.at("/data/origin").asString()).isEqualTo("a");
		JsonNode events = clients.call("events", Map.of("name", "back"));
		assertThat(events.valueStream().map((event) -> event.get("event").asString())).containsExactly("missed");
		assertThat(old.awaitDisconnect()).isEqualTo("io server disconnect");
		Awaitility.await("one socket with that id in the cluster").atMost(TIMEOUT).untilAsserted(() -> {
			List<RemoteSocket> sockets = a.server().fetchSockets().block(TIMEOUT);
			assertThat(sockets).extracting(RemoteSocket::id).containsOnlyOnce(id);
		});
		awaitRecord(b, id, List.of(id, "room1").stream().sorted().toList());
		Awaitility.await("record moved to b").atMost(TIMEOUT).until(() -> !records(a).containsKey(id));
	}

	@Test
	void withCrashSafeRecoveryOffNothingIsKeptWhileSocketsLive() {
		ClusterNode a = this.resources.add(ClusterNode.start("a", this.redis,
				TestRedis.options().crashSafeRecovery(false).build(), new ConnectionStateRecoveryOptions(WINDOW, true)));
		TestClient client = this.resources.add(TestClient.connect(a.url(), "/"));
		client.call("join", "room1");

		assertThat(a.adapters().liveSessions()).isNull();
		List<String> keys = this.redis.commands((redis) -> redis.keys("*live*"));
		assertThat(keys).isEmpty();
	}

}
