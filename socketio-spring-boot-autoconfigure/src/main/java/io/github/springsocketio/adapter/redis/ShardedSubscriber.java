package io.github.springsocketio.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The node's one sharded PUB/SUB connection ({@code SSUBSCRIBE}), shared by every namespace of the sharded adapter,
 * on Lettuce directly: Spring Data Redis's listener containers know no sharded channels. It is opened by the first
 * subscription, tried again with a back-off while Redis cannot be reached (at start-up too), and once open Lettuce
 * reconnects it and subscribes its channels again by itself. Subscriptions and unsubscriptions are sent in the order
 * they are asked for, one channel each: on a Redis Cluster, Lettuce sends each to the master of the channel's slot
 * (channels of other slots in one {@code SSUBSCRIBE} would fail with {@code CROSSSLOT}).
 */
final class ShardedSubscriber {

	private static final Log logger = LogFactory.getLog(ShardedSubscriber.class);

	private static final Duration MIN_RETRY = Duration.ofMillis(100);

	private static final Duration MAX_RETRY = Duration.ofSeconds(2);

	/** How often a channel is subscribed again after a topology change at most: about a minute of tries. */
	private static final int RESUBSCRIBE_ATTEMPTS = 30;

	private final Supplier<AbstractRedisClient> client;

	private final RedisAvailability availability;

	/** The channels wanted, each with its listener; those subscribed once the connection is open. */
	private final Map<String, MessageListener> channels = new ConcurrentHashMap<>();

	private @Nullable StatefulRedisPubSubConnection<byte[], byte[]> connection;

	private @Nullable Disposable opening;

	private @Nullable Disposable topologyChanges;

	private boolean closed;

	ShardedSubscriber(Supplier<AbstractRedisClient> client, RedisAvailability availability) {
		this.client = client;
		this.availability = availability;
	}

	/**
	 * Subscribes to a sharded channel until {@link #unsubscribe unsubscribed}; a channel already subscribed gets the
	 * new listener.
	 * @param channel the channel
	 * @param listener called with the channel and the body of each message
	 */
	synchronized void subscribe(String channel, MessageListener listener) {
		if (this.closed) {
			return;
		}
		this.channels.put(channel, listener);
		StatefulRedisPubSubConnection<byte[], byte[]> current = this.connection;
		if (current != null) {
			current.async().ssubscribe(utf8(channel));
		}
		else {
			open();
		}
	}

	/**
	 * @param channel a channel subscribed to; its messages are no longer listened to
	 */
	synchronized void unsubscribe(String channel) {
		StatefulRedisPubSubConnection<byte[], byte[]> current = this.connection;
		if (this.channels.remove(channel) != null && current != null) {
			current.async().sunsubscribe(utf8(channel));
		}
	}

	private void open() {
		if (this.opening != null) {
			return;
		}
		this.opening = Mono.fromCallable(() -> connect(this.client.get()))
			.subscribeOn(Schedulers.boundedElastic())
			.doOnError((error) -> {
				this.availability.failed(error);
				logger.debug("Sharded PUB/SUB connection failed; connecting again", error);
			})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, MIN_RETRY).maxBackoff(MAX_RETRY).filter((error) -> !isClosed()))
			.subscribe(this::opened, (error) -> logger.debug("Sharded PUB/SUB connection given up", error));
	}

	private static StatefulRedisPubSubConnection<byte[], byte[]> connect(AbstractRedisClient client) {
		if (client instanceof RedisClusterClient cluster) {
			return cluster.connectPubSub(ByteArrayCodec.INSTANCE);
		}
		return ((RedisClient) client).connectPubSub(ByteArrayCodec.INSTANCE);
	}

	private synchronized void opened(StatefulRedisPubSubConnection<byte[], byte[]> opened) {
		this.availability.succeeded();
		if (this.closed) {
			opened.closeAsync();
			return;
		}
		opened.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void smessage(byte[] channel, byte[] message) {
				String name = new String(channel, StandardCharsets.UTF_8);
				MessageListener listener = ShardedSubscriber.this.channels.get(name);
				if (listener != null) {
					listener.onMessage(name, message);
				}
			}

		});
		this.connection = opened;
		if (opened instanceof StatefulRedisClusterPubSubConnection<byte[], byte[]> cluster) {
			this.topologyChanges = resubscribeOnTopologyChange(cluster);
		}
		this.channels.keySet().forEach((channel) -> opened.async().ssubscribe(utf8(channel)));
	}

	/**
	 * On a Redis Cluster, subscribes every channel again whenever Lettuce learns a new topology: after a failover the
	 * channels of the dead master's slots live on the replica that took over, which knows nothing of the
	 * subscriptions, and Lettuce only subscribes again on a reconnection to the same node. Subscribing a channel
	 * twice on one node is harmless.
	 */
	private Disposable resubscribeOnTopologyChange(StatefulRedisClusterPubSubConnection<byte[], byte[]> cluster) {
		return this.client.get().getResources().eventBus().get()
			.filter(ClusterTopologyChangedEvent.class::isInstance)
			.subscribe((event) -> resubscribe(cluster), (error) -> logger.debug("Topology events ended", error));
	}

	private synchronized void resubscribe(StatefulRedisClusterPubSubConnection<byte[], byte[]> cluster) {
		if (this.connection == cluster) {
			this.channels.keySet().forEach((channel) -> resubscribe(cluster, channel));
		}
	}

	/**
	 * Subscribes a channel again until its master confirms. The event may come before the connection routes by the
	 * new topology: the subscription then goes to the dead master, where it never completes, and is sent again.
	 */
	private void resubscribe(StatefulRedisClusterPubSubConnection<byte[], byte[]> cluster, String channel) {
		Mono.defer(() -> Mono.fromCompletionStage(cluster.async().ssubscribe(utf8(channel))))
			.timeout(MAX_RETRY)
			.retryWhen(Retry.backoff(RESUBSCRIBE_ATTEMPTS, MIN_RETRY)
				.maxBackoff(MAX_RETRY)
				.filter((error) -> stillWanted(cluster, channel)))
			.subscribe(null, (error) -> logger.debug("Could not subscribe " + channel + " again", error));
	}

	private synchronized boolean stillWanted(StatefulRedisClusterPubSubConnection<byte[], byte[]> cluster,
			String channel) {
		return !this.closed && this.connection == cluster && this.channels.containsKey(channel);
	}

	private synchronized boolean isClosed() {
		return this.closed;
	}

	/**
	 * Ends every subscription and closes the connection.
	 * @return completes once closed
	 */
	CompletableFuture<Void> close() {
		StatefulRedisPubSubConnection<byte[], byte[]> current;
		synchronized (this) {
			this.closed = true;
			this.channels.clear();
			current = this.connection;
			this.connection = null;
			if (this.opening != null) {
				this.opening.dispose();
			}
			if (this.topologyChanges != null) {
				this.topologyChanges.dispose();
			}
		}
		return (current != null) ? current.closeAsync() : CompletableFuture.completedFuture(null);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Receives the messages of a channel. */
	@FunctionalInterface
	interface MessageListener {

		/**
		 * @param channel the channel the message was published on
		 * @param body the message
		 */
		void onMessage(String channel, byte[] body);

	}

}
