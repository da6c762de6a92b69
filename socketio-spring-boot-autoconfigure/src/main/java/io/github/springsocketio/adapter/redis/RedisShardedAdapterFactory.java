package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.springsocketio.adapter.ClusterMessageCodec;
import io.github.springsocketio.server.Adapter;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.AdapterFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * The Redis side of one server node for the sharded PUB/SUB adapter: a command connection, one sharded subscriber
 * connection for every namespace, and the adapter of each namespace, which it creates. Wire-compatible with Node.js
 * nodes running {@code @socket.io/redis-adapter} 8 ({@code createShardedAdapter}) on the same Redis (7.0 or later:
 * {@code SPUBLISH}, {@code SSUBSCRIBE}). Both connections are Lettuce's own, made by the Lettuce client of the
 * application's connection factory: of a standalone, Sentinel or Redis Cluster; on a cluster, each channel lives on
 * the master of its slot. Connection state recovery is not supported, as with that adapter.
 *
 * <pre>{@code
 * RedisShardedAdapterFactory redis = new RedisShardedAdapterFactory(connectionFactory,
 *         RedisShardedAdapterOptions.builder().build(), jsonMapper);
 * SocketIOServer server = SocketIOServer.builder().adapterFactory(redis).build();
 * }</pre>
 */
public final class RedisShardedAdapterFactory extends RedisNode implements AdapterFactory {

	/** The type this adapter reports itself as, in metrics and health. */
	public static final String TYPE = "redis-sharded";

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

	private final RedisShardedAdapterOptions options;

	private final ClusterMessageCodec codec;

	private final ShardedCommands commands;

	private final ShardedSubscriber subscriber;

	/**
	 * @param connectionFactory the application's Lettuce connection factory, of a Redis 7 (standalone, Sentinel or
	 * cluster)
	 * @param options the adapter options
	 * @param mapper the application's JSON mapper
	 */
	public RedisShardedAdapterFactory(ReactiveRedisConnectionFactory connectionFactory,
			RedisShardedAdapterOptions options, JsonMapper mapper) {
		super(TYPE, new RedisAvailability(RedisAddress.of(connectionFactory)));
		this.options = options;
		this.codec = new ClusterMessageCodec(mapper, false);
		LettuceConnection.warnWithoutTopologyRefresh(connectionFactory);
		this.commands = new ShardedCommands(() -> LettuceConnection.client(connectionFactory),
				LettuceConnection.kind(connectionFactory), options.requestTimeout(), availability());
		this.subscriber = new ShardedSubscriber(() -> LettuceConnection.client(connectionFactory), availability());
	}

	/**
	 * @throws IllegalStateException when connection state recovery is on: this adapter keeps no session, so a
	 * client would never recover (use the {@code redis-streams} adapter for that)
	 */
	@Override
	public Adapter create(AdapterContext namespace) {
		if (namespace.recovery() != null) {
			throw new IllegalStateException("Connection state recovery is not supported by the sharded Redis adapter "
					+ "(as with Node's @socket.io/redis-adapter): turn connection state recovery off, or use the "
					+ "Redis Streams adapter (socketio.adapter.type=redis-streams)");
		}
		startCountingServers();
		return new RedisShardedAdapter(namespace, this);
	}

	@Override
	public String topology() {
		return this.commands.topology();
	}

	RedisShardedAdapterOptions options() {
		return this.options;
	}

	ShardedCommands commands() {
		return this.commands;
	}

	ShardedSubscriber subscriber() {
		return this.subscriber;
	}

	ClusterMessageCodec codec() {
		return this.codec;
	}

	/** {@code <prefix>#<nsp>#} for a namespace, {@code <prefix>#<nsp>#<room or uid>#} for a room or one adapter. */
	String channel(String namespace, @Nullable String roomOrUid) {
		return this.options.channelPrefix() + "#" + namespace + "#" + ((roomOrUid != null) ? roomOrUid + "#" : "");
	}

	/** Counts the subscribers of the main namespace's channel, every second while Redis does not answer. */
	private void startCountingServers() {
		String channel = channel("/", null);
		startCountingServers(() -> this.commands.probeSubscriberCount(channel), true);
	}

	/**
	 * Ends the subscriptions and closes the connections, waiting a moment for them to close: the application's
	 * connection factory, closed next, would otherwise close them a second time.
	 */
	@Override
	void closeConnections() {
		try {
			CompletableFuture.allOf(this.subscriber.close(), this.commands.close())
				.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// closed by the connection factory then
		}
	}

}
