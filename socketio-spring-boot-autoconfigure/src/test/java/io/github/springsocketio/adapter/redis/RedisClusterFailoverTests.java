package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master of a real Redis Cluster (three masters, each with a replica) killed with SIGKILL while one Java node
 * broadcasts to the clients of another, for each Redis adapter type: the master that holds the stream (or the
 * channel's slot) goes, a replica takes over its slots, Lettuce learns the new topology (adaptive and periodic
 * refresh), and the nodes go on: the read loops read from the new master, subscriptions are made again, and every
 * broadcast sent once the nodes work again arrives, in order and once. Broadcasts sent during the takeover may be
 * lost (their commands went to the dead master, or were refused while the node saw Redis as lost); every one sent
 * before the kill arrived.
 */
class RedisClusterFailoverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration EMIT_PERIOD = Duration.ofMillis(50);

	/** Broadcasts sent after the nodes were seen working again, all of which must arrive. */
	private static final int AFTER = 20;

	@RegisterExtension
	final Resources resources = new Resources();

	private final String prefix = TestRedis.uniqueName("sio-failover");

	@ParameterizedTest
	@ValueSource(strings = { "redis-streams", "redis", "redis-sharded" })
	void broadcastsGoOnOnceAReplicaTookOverFromAKilledMaster(String type) throws Exception {
		TestRedisCluster cluster = this.resources.add(TestRedisCluster.start(3, 1));
		ClusterNode sender = node(cluster, type, "a");
		ClusterNode receiver = node(cluster, type, "b");
		TestClient client = this.resources.add(TestClient.connect(receiver.url(), "/"));
		Awaitility.await("server count 2").atMost(TIMEOUT)
			.until(() -> sender.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2);

		AtomicInteger sent = new AtomicInteger();
		AtomicBoolean sending = new AtomicBoolean(true);
		Thread emitter = new Thread(() -> {
			while (sending.get()) {
				sender.server().emit("seq", sent.getAndIncrement());
				pause(EMIT_PERIOD);
			}
		}, "failover-emitter");
		emitter.start();
		this.resources.add(() -> {
			sending.set(false);
			emitter.join(5000);
		});
		Awaitility.await().atMost(TIMEOUT).until(() -> received(client).size() >= 10);

		String key = keyOf(type);
		int sentBeforeKill = sent.get();
		long killedAt = System.nanoTime();
		int killed = cluster.killMasterOf(key);
		int newMaster = cluster.awaitTakeover(key, killed);
		int sentAtTakeover = sent.get();
		long takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
		Awaitility.await("a broadcast sent after the takeover arriving").atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> received(client).stream().anyMatch((seq) -> seq >= sentAtTakeover));
		long resumedMillis = (System.nanoTime() - killedAt) / 1_000_000;
		int resumedFrom = sent.get();
		Awaitility.await().atMost(TIMEOUT).until(() -> sent.get() >= resumedFrom + AFTER);
		sending.set(false);
		emitter.join(5000);
		int last = sent.get() - 1;
		Awaitility.await("the last broadcast").atMost(TIMEOUT).until(() -> received(client).contains(last));

		List<Integer> received = received(client);
		List<Integer> lost = new ArrayList<>();
		for (int seq = 0; seq <= last; seq++) {
			if (!received.contains(seq)) {
				lost.add(seq);
			}
		}
		System.out.printf("%s failover: master %d -> %d, cluster ok after %d ms, broadcasts arriving after %d ms, "
				+ "%d of %d lost (%s)%n", type, killed, newMaster, takeoverMillis, resumedMillis, lost.size(), last + 1,
				lost);
		assertThat(newMaster).isNotEqualTo(killed);
		assertThat(received).as("received once each, in order").doesNotHaveDuplicates().isSorted();
		assertThat(lost).as("lost: only broadcasts sent between the kill and the nodes working again")
			.allSatisfy((seq) -> assertThat(seq).isBetween(sentBeforeKill - 1, resumedFrom));
		assertThat(received).as("every broadcast sent once the nodes worked again")
			.containsAll(IntStream.rangeClosed(resumedFrom, last).boxed().toList());
	}

	private ClusterNode node(TestRedisCluster cluster, String type, String id) {
		return this.resources.add(switch (type) {
			case "redis-streams" -> ClusterNode.start(id, cluster.connectionFactory(), streamsOptions(), null);
			case "redis" -> ClusterNode.startPubSub(id, cluster.connectionFactory(),
					RedisAdapterOptions.builder().key(this.prefix).build());
			case "redis-sharded" -> ClusterNode.startSharded(id, cluster.connectionFactory(),
					RedisShardedAdapterOptions.builder().channelPrefix(this.prefix).build());
			default -> throw new IllegalArgumentException(type);
		});
	}

	private RedisStreamsAdapterOptions streamsOptions() {
		return TestRedis.options().streamName(this.prefix).channelPrefix(this.prefix).build();
	}

	/** The key or channel whose slot's master the test kills: the stream, or the namespace's channel. */
	private String keyOf(String type) {
		return switch (type) {
			case "redis-streams" -> streamsOptions().streamFor("/");
			case "redis" -> new RedisAdapterChannels(this.prefix, "/", "").request();
			default -> this.prefix + "#/#";
		};
	}

	private static List<Integer> received(TestClient client) {
		return client.events("seq").stream().map((event) -> ((Number) event.arg(0)).intValue()).toList();
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
