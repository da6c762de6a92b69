package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.springsocketio.server.Adapter;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which sharded channels a node subscribes to, seen from Redis ({@code PUBSUB SHARDNUMSUB}): the namespace's channel
 * once, a room's channel while the room has members here (in the dynamic modes), whatever order joins and leaves
 * come in from many threads, and nothing once the namespace's adapter is closed.
 */
class RedisShardedAdapterTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = TestRedis.shared();

	private final String prefix = TestRedis.uniqueName("sio-sharded");

	private ClusterNode start(ShardedSubscriptionMode mode) {
		return this.resources.add(ClusterNode.startSharded("java", this.redis,
				RedisShardedAdapterOptions.builder().channelPrefix(this.prefix).subscriptionMode(mode).build()));
	}

	private long subscribers(@Nullable String room) {
		String channel = this.prefix + "#/#" + ((room != null) ? room + "#" : "");
		return this.redis.commands((redis) -> redis.pubsubShardNumsub(channel).getOrDefault(channel, 0L));
	}

	@Test
	void joinsAndLeavesRacingOnManyThreadsLeaveARoomsChannelSubscribedExactlyWhileItHasMembers() throws Exception {
		Adapter adapter = start(ShardedSubscriptionMode.DYNAMIC).server().defaultNamespace().adapter();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		this.resources.add(threads::shutdownNow);
		List<CompletableFuture<Void>> work = new ArrayList<>();
		for (int socket = 0; socket < 4; socket++) {
			String id = "socket-" + socket;
			work.add(CompletableFuture.runAsync(() -> {
				for (int round = 0; round < 300; round++) {
					adapter.addAll(id, Set.of(id, "hot"));
					adapter.del(id, "hot");
				}
			}, threads));
		}
		CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get();
		adapter.addAll("socket-0", Set.of("socket-0", "hot"));

		Awaitility.await().atMost(TIMEOUT).until(() -> subscribers("hot") == 1);
		adapter.delAll("socket-0");
		Awaitility.await().atMost(TIMEOUT).until(() -> subscribers("hot") == 0);
		assertThat(subscribers("socket-1")).as("a socket's own room has no channel in dynamic mode").isZero();
	}

	@Test
	void inDynamicPrivateModeASocketsOwnRoomHasAChannelUntilItLeaves() {
		Adapter adapter = start(ShardedSubscriptionMode.DYNAMIC_PRIVATE).server().defaultNamespace().adapter();

		adapter.addAll("AAAAAAAAAAAAAAAAAAAA", Set.of("AAAAAAAAAAAAAAAAAAAA", "room"));
		Awaitility.await().atMost(TIMEOUT)
			.until(() -> subscribers("AAAAAAAAAAAAAAAAAAAA") == 1 && subscribers("room") == 1);
		adapter.delAll("AAAAAAAAAAAAAAAAAAAA");
		Awaitility.await().atMost(TIMEOUT)
			.until(() -> subscribers("AAAAAAAAAAAAAAAAAAAA") == 0 && subscribers("room") == 0);
	}

	@Test
	void inStaticModeOnlyTheNamespacesChannelIsSubscribed() {
		Adapter adapter = start(ShardedSubscriptionMode.STATIC).server().defaultNamespace().adapter();
		adapter.addAll("socket-0", Set.of("socket-0", "room"));

		Awaitility.await().atMost(TIMEOUT).until(() -> subscribers(null) == 1);
		assertThat(subscribers("room")).isZero();
		assertThat(subscribers("socket-0")).isZero();
	}

	@Test
	void closingTheNamespacesAdapterUnsubscribesItsChannels() {
		Adapter adapter = start(ShardedSubscriptionMode.DYNAMIC).server().defaultNamespace().adapter();
		adapter.addAll("socket-0", Set.of("socket-0", "room"));
		Awaitility.await().atMost(TIMEOUT).until(() -> subscribers(null) == 1 && subscribers("room") == 1);

		adapter.close();

		Awaitility.await().atMost(TIMEOUT).until(() -> subscribers(null) == 0 && subscribers("room") == 0);
	}

}
