package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.lettuce.core.cluster.SlotHash;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis Streams adapter on a real Redis Cluster of three masters, configured as Spring Boot configures
 * {@code spring.data.redis.cluster.nodes}: the cluster suite's Java nodes, each with its own connections, span the
 * cluster as they do on one Redis. Every command touches one key (so one slot), each stream is read on a connection
 * of its own routed to its slot's master, and the server count adds up the subscribers every node of the cluster
 * counts.
 */
class RedisStreamsOnRedisClusterTests extends AdapterClusterSuite {

	private final TestRedisCluster cluster = TestRedisCluster.shared();

	private final RedisStreamsAdapterOptions options = TestRedis.options().build();

	private ClusterNode node(String id, RedisStreamsAdapterOptions options,
			ConnectionStateRecoveryOptions recovery) {
		return this.resources.add(ClusterNode.start(id, this.cluster.connectionFactory(), options, recovery));
	}

	@Override
	protected ClusterNode start(String id) {
		return ClusterNode.start(id, this.cluster.connectionFactory(), this.options, null);
	}

	@Test
	void theServerCountAddsUpTheSubscribersOfEveryClusterNode() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		String channel = this.options.channelPrefix() + "#/#";
		// each node's subscriber connection goes to a cluster node of Lettuce's choosing, which counts it alone
		Awaitility.await().atMost(TIMEOUT).until(() -> this.cluster.subscribers(channel) == 2);

		awaitServerCount(a, 2);
		awaitServerCount(b, 2);
		Awaitility.await().atMost(TIMEOUT).until(() -> a.adapters().topology(), "cluster, 3 masters"::equals);
		b.close();
		awaitServerCount(a, 1);
	}

	@Test
	void streamCountSpreadsTheNamespacesOverStreamsInDifferentSlots() {
		RedisStreamsAdapterOptions spread = TestRedis.options().streamCount(4).build();
		ClusterNode a = node("a", spread, null);
		ClusterNode b = node("b", spread, null);
		List<String> namespaces = List.of("/dyn-one", "/dyn-two", "/dyn-three", "/dyn-four", "/dyn-five");
		Set<String> streams = new HashSet<>();
		Map<String, TestClient> onB = new LinkedHashMap<>();
		for (String namespace : namespaces) {
			streams.add(spread.streamFor(namespace));
			onB.put(namespace, client(b, namespace));
			client(a, namespace);
		}
		Awaitility.await().atMost(TIMEOUT).until(() -> b.adapters().lastReadIds().keySet().containsAll(streams)
				&& b.adapters().lastReadIds().values().stream().allMatch(Objects::nonNull));
		Set<Integer> masters = new HashSet<>();
		streams.forEach((stream) -> masters.add(this.cluster.masterOf(stream)));

		for (String namespace : namespaces) {
			namespace(a, namespace).emit("hello", namespace);
		}

		onB.forEach((namespace, client) -> assertThat(client.await("hello").args()).containsExactly(namespace));
		assertThat(streams).hasSizeGreaterThan(1);
		assertThat(masters).as("masters serving the streams' slots").hasSizeGreaterThan(1);
		assertThat(streams.stream().map(SlotHash::getSlot).distinct().count()).isEqualTo(streams.size());
	}

	@Test
	void aClientCutOffFromOneNodeRecoversOnTheOtherWithTheEventsItMissed() {
		ConnectionStateRecoveryOptions recovery = new ConnectionStateRecoveryOptions(Duration.ofSeconds(60), true);
		ClusterNode a = node("a", this.options, recovery);
		ClusterNode b = node("b", this.options, recovery);
		NodePeer clients = this.resources.add(NodePeer.start());
		String id = clients.call("connect", Map.of("name", "js", "url", a.url())).get("id").asString();
		clients.call("clientEmit", Map.of("name", "js", "event", "join", "args", List.of("room1"), "ack", true));
		a.server().to(id).emit("welcome");
		Awaitility.await().atMost(TIMEOUT).until(() -> events(clients, "welcome").size() == 1);

		String pid = clients.call("cutOff", Map.of("name", "js")).get("pid").asString();
		Awaitility.await("session kept").atMost(TIMEOUT)
			.until(() -> this.cluster.on(this.cluster.masterOf(this.options.sessionKeyPrefix() + pid),
					(redis) -> redis.exists(this.options.sessionKeyPrefix() + pid)) == 1);
		a.server().to("room1").emit("missed", "from a");
		b.server().to("room1").emit("missed", "from b");
		JsonNode back = clients.call("reconnect", Map.of("name", "js", "url", b.url()));

		assertThat(back.get("id").asString()).isEqualTo(id);
		assertThat(back.get("recovered").asBoolean()).isTrue();
		Awaitility.await().atMost(TIMEOUT).until(() -> events(clients, "missed").size() == 2);
		assertThat(events(clients, "missed")).extracting((args) -> args.get(0).asString())
			.containsExactlyInAnyOrder("from a", "from b");
	}

	private static List<JsonNode> events(NodePeer clients, String event) {
		List<JsonNode> events = new ArrayList<>();
		for (JsonNode received : clients.call("events", Map.of("name", "js"))) {
			if (received.get("event").asString().equals(event)) {
				events.add(received.get("args"));
			}
		}
		return events;
	}


}
