package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mixed cluster on a real Redis Cluster: a Java node and a Node.js node ({@code socket.io} 4.8 with
 * {@code @socket.io/redis-streams-adapter} 0.3 or {@code @socket.io/redis-adapter} 8, on node-redis
 * {@code createCluster}), for each Redis adapter type. Each counts the other (adding up what every cluster node
 * counts, as each side does), and broadcasts to rooms go both ways.
 */
class RedisClusterNodeInteropTests {

	private static final Duration TIMEOUT = TestClient.TIMEOUT;

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedisCluster cluster = TestRedisCluster.shared();

	private final String prefix = TestRedis.uniqueName("sio-mixed");

	@ParameterizedTest
	@ValueSource(strings = { "redis-streams", "redis", "redis-sharded" })
	void javaAndNodeJsNodesCountEachOtherAndBroadcastBothWays(String type) {
		ClusterNode java = this.resources.add(switch (type) {
			case "redis-streams" -> ClusterNode.start("java", this.cluster.connectionFactory(),
					TestRedis.options().streamName(this.prefix).channelPrefix(this.prefix).build(), null);
			case "redis" -> ClusterNode.startPubSub("java", this.cluster.connectionFactory(),
					RedisAdapterOptions.builder().key(this.prefix).build());
			default -> ClusterNode.startSharded("java", this.cluster.connectionFactory(),
					RedisShardedAdapterOptions.builder().channelPrefix(this.prefix).build());
		});
		NodePeer node = this.resources.add(NodePeer.start());
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("clusterNodes", this.cluster.nodeAddresses().stream().map((address) -> "redis://" + address).toList());
		server.put("adapter", type);
		server.put(type.equals("redis") ? "key" : "channelPrefix", this.prefix);
		if (type.equals("redis-streams")) {
			server.put("streamName", this.prefix);
		}
		server.put("node", "node");
		String nodeUrl = "http://127.0.0.1:" + node.call("startServer", server).get("port").asInt();
		Awaitility.await("both nodes subscribed").atMost(TIMEOUT.multipliedBy(2))
			.until(() -> java.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2
					&& node.call("serverCount", Map.of()).asInt() == 2);
		TestClient javaClient = this.resources.add(TestClient.connect(java.url(), "/"));
		javaClient.call("join", "room1");
		node.connectClient("js", nodeUrl, "room1");

		java.server().to("room1").emit("from-java", "hello");
		node.call("emit", NodePeer.emit(List.of("room1"), List.of(), "from-node", "hi"));

		assertThat(node.awaitEvents("js", "from-java", 1).get(0).get(0).asString()).isEqualTo("hello");
		assertThat(javaClient.await("from-node").args()).containsExactly("hi");
		assertThat(javaClient.await("from-java").args()).containsExactly("hello");
	}

}
