package io.github.springsocketio.adapter.redis;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.protocol.MsgPack;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster suite on the Redis Streams adapter, and what it writes to Redis: broadcasts as stream entries (binary
 * data as MessagePack), a PUB/SUB subscription per namespace and node.
 */
class RedisClusterTests extends AdapterClusterSuite {

	private final RedisStreamsAdapterOptions options = TestRedis.options().build();

	@Override
	protected ClusterNode start(String id) {
		return ClusterNode.start(id, this.redis, this.options);
	}

	private List<StreamMessage<String, String>> entries() {
		return this.redis.commands((redis) -> redis.xrange(this.options.streamName(), Range.create("-", "+")));
	}

	@Test
	void broadcastsAreStreamEntriesThatSayWhetherTheyAreVolatileAndLocalOnesAreNot() {
		ClusterNode a = node("a");
		TestClient onB = client(node("b"));

		a.server().asVolatile().emit("volatile", 1);
		a.server().local().emit("local-a", 2);
		a.server().emit("end");

		onB.await("end");
		assertThat(entries()).extracting((entry) -> entry.getBody().get("data"))
			.anySatisfy((data) -> assertThat(data).contains("\"volatile\"").contains("\"flags\":{\"volatile\":true}"))
			.noneSatisfy((data) -> assertThat(data).contains("local-"));
	}

	@Test
	void eachNodeSubscribesToEachNamespacesChannelOnceAndToItsOwnResponseChannel() {
		ClusterNode a = node("a");
		ClusterNode b = node("b");
		node("c");
		a.server().of("/admin");
		b.server().of("/admin");

		String prefix = this.options.channelPrefix();
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(subscribers(prefix + "#/admin#")).isEqualTo(2));
		assertThat(subscribers(prefix + "#/#")).isEqualTo(3);
		RedisStreamsAdapter adapter = (RedisStreamsAdapter) a.server().defaultNamespace().adapter();
		assertThat(subscribers(prefix + "#/#" + adapter.uid() + "#")).isEqualTo(1);
	}

	private long subscribers(String channel) {
		return this.redis.commands((redis) -> redis.pubsubNumsub(channel)).get(channel);
	}

	@Test
	void binaryDataIsWrittenAsMessagePackEntries() {
		ClusterNode a = node("a");
		TestClient onB = client(node("b"));
		byte[] bytes = { 0, 1, 2, (byte) 255 };

		a.server().emit("binary", bytes, Map.of("nested", List.of(new byte[] { 1, 2, 3 })));

		onB.await("binary");
		String data = entries().get(0).getBody().get("data");
		assertThat(data).doesNotStartWith("{");
		assertThat(MsgPack.decode(Base64.getDecoder().decode(data)).at("/packet/data/1").binaryValue()).isEqualTo(bytes);
	}

}
