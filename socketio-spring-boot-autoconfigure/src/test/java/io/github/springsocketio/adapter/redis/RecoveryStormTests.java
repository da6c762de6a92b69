package io.github.springsocketio.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.github.springsocketio.protocol.MsgPack;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reconnection storm: the 5,000 clients of a node that crashed all come back to another node at once, with their
 * private ids and offsets, while broadcasts went on meanwhile. Every one recovers its id, its rooms and what it
 * missed, exactly once, and the stream is read a few times for all of them instead of several times each.
 */
class RecoveryStormTests {

	private static final int CLIENTS = 5_000;

	private static final int GROUPS = 10;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Pattern COMMAND_STATS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = this.resources.add(TestRedis.start());

	private final RedisStreamsAdapterOptions options = TestRedis.options().build();

	private final ConnectionStateRecoveryOptions recovery = new ConnectionStateRecoveryOptions(Duration.ofSeconds(60),
			true);

	@Test
	void theClientsOfACrashedNodeAllRecoverOnAnotherWhichReadsTheStreamForManyOfThemAtOnce() {
		ClusterNode a = this.resources.add(ClusterNode.start("a", this.redis, this.options, this.recovery));
		ClusterNode b = this.resources.add(ClusterNode.start("b", this.redis, this.options, this.recovery));
		LoopResources loops = LoopResources.create("storm", 2, true);
		this.resources.add((AutoCloseable) loops::dispose);
		HttpClient http = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops);

		long connecting = System.nanoTime();
		List<LightClient> before = Flux.range(0, CLIENTS)
			.flatMapSequential((i) -> LightClient.connect(http, a.url(), null)
				.flatMap((client) -> client.call("join", group(i)).thenReturn(client)), 500)
			.collectList()
			.block(TIMEOUT);
		long connected = Duration.ofNanos(System.nanoTime() - connecting).toMillis();
		assertThat(before).hasSize(CLIENTS);
		before.forEach(this.resources::add);
		// one broadcast everybody gets, from the other node: each client's last offset
		b.server().emit("tick", 0);
		Awaitility.await("every client got the tick")
			.atMost(TIMEOUT)
			.until(() -> before.stream().allMatch((client) -> client.events().size() == 1));
		awaitRecordsOfEverySocketWithItsRoom(a);

		a.crash();
		before.forEach(LightClient::close);
		long entries = streamLength();
		for (int group = 0; group < GROUPS; group++) {
			b.server().to(group(group)).emit("news", group);
		}
		b.server().except(group(0)).emit("all", "but " + group(0));
		Awaitility.await("broadcasts in the stream").atMost(TIMEOUT).until(() -> streamLength() == entries + GROUPS + 1);

		Map<String, Long> commandsBefore = commandStats();
		long heapBefore = usedHeap();
		long start = System.nanoTime();
		List<LightClient> after = Flux.range(0, CLIENTS)
			.flatMapSequential((i) -> LightClient.connect(http, b.url(), recoveryAuth(before.get(i))), CLIENTS)
			.collectList()
			.block(TIMEOUT);
		long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
		Map<String, Long> commands = delta(commandsBefore, commandStats());
		long heapGrowth = usedHeap() - heapBefore;
		assertThat(after).hasSize(CLIENTS);
		after.forEach(this.resources::add);

		for (int i = 0; i < CLIENTS; i++) {
			LightClient old = before.get(i);
			LightClient back = after.get(i);
			assertThat(back.sid()).as("id of client %d", i).isEqualTo(old.sid());
			assertThat(back.events()).as("what client %d missed, once each", i).map(RecoveryStormTests::withoutOffset)
				.containsExactlyElementsOf(missed(i));
		}
		List<JsonNode> whoami = Flux.fromIterable(after)
			.flatMapSequential((client) -> client.call("whoami"), 500)
			.collectList()
			.block(TIMEOUT);
		for (int i = 0; i < CLIENTS; i++) {
			JsonNode me = whoami.get(i);
			assertThat(me.get("recovered").asBoolean()).isTrue();
			assertThat(me.get("node").asString()).isEqualTo("b");
			assertThat(me.at("/data/origin").asString()).as("data kept from the node it first joined").isEqualTo("a");
			assertThat(me.get("rooms").valueStream().map(JsonNode::asString).toList())
				.as("rooms of client %d", i)
				.containsExactlyInAnyOrder(before.get(i).sid(), group(i));
		}

		long total = commands.values().stream().mapToLong(Long::longValue).sum();
		long xrange = commands.getOrDefault("xrange", 0L);
		System.out.printf("Recovery storm: %d clients of a crashed node recovered on another in %d ms (connecting and "
				+ "joining a room took %d ms at first); Redis commands %.2f per client (%d in all, XRANGE %d: %.4f per "
				+ "client); heap growth %d MB; by command %s%n", CLIENTS, elapsed, connected,
				(double) total / CLIENTS, total, xrange, (double) xrange / CLIENTS, heapGrowth / (1024 * 1024), commands);
		// unshared, each recovery reads the stream at least four times: its offset, the entries after it, the empty
		// read that ends it, and the read again once back in its rooms
		assertThat(xrange).as("XRANGE calls for %d recoveries", CLIENTS).isLessThan(CLIENTS / 4);
		// the dead node looks alive until its liveness key expires: its sockets are told to leave, many per entry
		assertThat(commands.getOrDefault("xadd", 0L)).as("XADD calls for %d recoveries", CLIENTS)
			.isLessThan(CLIENTS / 10);
		// per client: the graceful session key (EVAL, GET), the live record (ZRANGE, one HGET per node, HDEL, EXISTS)
		assertThat((double) total / CLIENTS).as("Redis commands per recovering client").isLessThan(8);
	}

	private static String group(int client) {
		return "g" + (client % GROUPS);
	}

	/** What client {@code i} missed, as it gets it minus the offsets: its group's news, and the rest. */
	private static List<ArrayNode> missed(int i) {
		List<ArrayNode> missed = new ArrayList<>();
		missed.add(JsonNodeFactory.instance.arrayNode().add("news").add(i % GROUPS));
		if (i % GROUPS != 0) {
			missed.add(JsonNodeFactory.instance.arrayNode().add("all").add("but " + group(0)));
		}
		return missed;
	}

	private static ArrayNode withoutOffset(ArrayNode event) {
		ArrayNode copy = event.deepCopy();
		String offset = copy.remove(copy.size() - 1).asString();
		assertThat(offset).matches("\\d+-\\d+");
		return copy;
	}

	private static ObjectNode recoveryAuth(LightClient client) {
		List<ArrayNode> events = client.events();
		ArrayNode last = events.get(events.size() - 1);
		ObjectNode auth = JsonNodeFactory.instance.objectNode();
		auth.put("pid", client.pid());
		auth.put("offset", last.get(last.size() - 1).asString());
		return auth;
	}

	/** The node's records of its sockets are written in batches: all there, each with its group, before it dies. */
	private void awaitRecordsOfEverySocketWithItsRoom(ClusterNode node) {
		LiveSessions live = node.adapters().liveSessions();
		assertThat(live).isNotNull();
		byte[] hash = live.hash(live.node()).getBytes(StandardCharsets.UTF_8);
		LettuceConnectionFactory connections = this.redis.connectionFactory();
		this.resources.add((AutoCloseable) connections::destroy);
		Awaitility.await("every socket's record with its room").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
			.until(() -> {
				try (RedisConnection connection = connections.getConnection()) {
					Map<byte[], byte[]> records = connection.hashCommands().hGetAll(hash);
					return records != null && records.size() == CLIENTS && records.values()
						.stream()
						.allMatch((value) -> MsgPack.decode(value).get("rooms").size() == 2);
				}
			});
	}

	private long streamLength() {
		return this.redis.commands((redis) -> redis.xlen(this.options.streamName()));
	}

	private Map<String, Long> commandStats() {
		String info = this.redis.commands((redis) -> redis.info("commandstats"));
		Map<String, Long> calls = new HashMap<>();
		Matcher matcher = COMMAND_STATS.matcher(info);
		while (matcher.find()) {
			calls.put(matcher.group(1), Long.parseLong(matcher.group(2)));
		}
		return calls;
	}

	private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> delta = new TreeMap<>();
		after.forEach((command, calls) -> {
			long made = calls - before.getOrDefault(command, 0L);
			if (made > 0 && !command.equals("info")) {
				delta.put(command, made);
			}
		});
		return delta;
	}

	private static long usedHeap() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
