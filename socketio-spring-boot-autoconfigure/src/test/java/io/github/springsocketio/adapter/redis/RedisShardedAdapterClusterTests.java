package io.github.springsocketio.adapter.redis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;

/**
 * The cluster suite on the sharded Redis PUB/SUB adapter ({@code redis-sharded}, Node's {@code createShardedAdapter})
 * in each subscription mode.
 */
class RedisShardedAdapterClusterTests {

	/** The cluster suite in one subscription mode, on a Redis server unless a subclass says otherwise. */
	abstract static class InMode extends AdapterClusterSuite {

		private final String prefix = TestRedis.uniqueName("sio-sharded");

		/** The nodes with members of each room, each subscribed to its channel in the dynamic modes. */
		private final Map<String, Set<String>> roomNodes = new HashMap<>();

		private final ShardedSubscriptionMode mode;

		InMode(ShardedSubscriptionMode mode) {
			this.mode = mode;
		}

		@Override
		protected final ClusterNode start(String id) {
			return start(id,
					RedisShardedAdapterOptions.builder().channelPrefix(this.prefix).subscriptionMode(this.mode).build());
		}

		/** Starts a node on the tests' Redis server. */
		protected ClusterNode start(String id, RedisShardedAdapterOptions options) {
			return ClusterNode.startSharded(id, this.redis, options);
		}

		/** @return the subscribers of a sharded channel */
		protected long shardSubscribers(String channel) {
			return this.redis.commands((redis) -> redis.pubsubShardNumsub(channel).getOrDefault(channel, 0L));
		}

		@Override
		protected void awaitRoomReceived(ClusterNode node, String room) {
			if (this.mode != ShardedSubscriptionMode.STATIC) {
				Set<String> nodes = this.roomNodes.computeIfAbsent(room, (name) -> new HashSet<>());
				nodes.add(node.id());
				awaitSubscribers("/", room, nodes.size());
			}
		}

		@Override
		protected void awaitSocketReceived(String namespace, String socketId) {
			if (this.mode == ShardedSubscriptionMode.DYNAMIC_PRIVATE) {
				awaitSubscribers(namespace, socketId, 1);
			}
		}

		private void awaitSubscribers(String namespace, String room, int count) {
			String channel = this.prefix + "#" + namespace + "#" + room + "#";
			Awaitility.await("subscriptions to " + channel).atMost(TIMEOUT)
				.until(() -> shardSubscribers(channel), (subscribers) -> subscribers >= count);
		}

	}

	@Nested
	class Static extends InMode {

		Static() {
			super(ShardedSubscriptionMode.STATIC);
		}

	}

	@Nested
	class Dynamic extends InMode {

		Dynamic() {
			super(ShardedSubscriptionMode.DYNAMIC);
		}

	}

	@Nested
	class DynamicPrivate extends InMode {

		DynamicPrivate() {
			super(ShardedSubscriptionMode.DYNAMIC_PRIVATE);
		}

	}

}
