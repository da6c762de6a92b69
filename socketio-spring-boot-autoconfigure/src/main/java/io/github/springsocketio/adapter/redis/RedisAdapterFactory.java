package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.springsocketio.adapter.ClusterObserver;
import io.github.springsocketio.adapter.ClusterObserverChain;
import io.github.springsocketio.adapter.ClusterStatus;
import io.github.springsocketio.server.Adapter;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.AdapterFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.Topic;

/**
 * The Redis side of one server node for the PUB/SUB adapter: a command connection, one subscriber connection for
 * every namespace, and the adapter of each namespace, which it creates. Wire-compatible with Node.js nodes running
 * {@code @socket.io/redis-adapter} 8 ({@code createAdapter}) on the same Redis. Connection state recovery is not
 * supported, as with that adapter.
 *
 * <pre>{@code
 * RedisAdapterFactory redis = new RedisAdapterFactory(connectionFactory, RedisAdapterOptions.builder().build(),
 *         jsonMapper);
 * SocketIOServer server = SocketIOServer.builder().adapterFactory(redis).build();
 * }</pre>
 */
public final class RedisAdapterFactory implements AdapterFactory, ClusterStatus, AutoCloseable {

	/** The type this adapter reports itself as, in metrics and health. */
	public static final String TYPE = "redis";

	private static final Duration SERVER_COUNT_REFRESH = Duration.ofSeconds(10);

	/** How often Redis is probed while it does not answer: no read loop notices its return here. */
	private static final Duration PROBE_PERIOD = Duration.ofSeconds(1);

	private final AtomicBoolean closed = new AtomicBoolean();

	private final RedisAdapterOptions options;

	private final RedisAdapterCodec codec;

	private final RedisAvailability availability;

	private final RedisCommands commands;

	private final RedisSubscriber subscriber;

	private volatile ClusterObserver observer = ClusterObserver.NONE;

	private final ServerCount serverCount = new ServerCount();

	/**
	 * @param connectionFactory the application's reactive Redis connection factory (Lettuce)
	 * @param options the adapter options
	 * @param mapper the application's JSON mapper
	 */
	public RedisAdapterFactory(ReactiveRedisConnectionFactory connectionFactory, RedisAdapterOptions options,
			JsonMapper mapper) {
		this.options = options;
		this.codec = new RedisAdapterCodec(mapper);
		this.availability = new RedisAvailability(RedisAddress.of(connectionFactory));
		this.commands = new RedisCommands(connectionFactory, options.requestTimeout(), this.availability);
		this.subscriber = new RedisSubscriber(connectionFactory);
	}

	/**
	 * @throws IllegalStateException when connection state recovery is on: this adapter keeps no session, so a
	 * client would never recover (use the {@code redis-streams} adapter for that)
	 */
	@Override
	public Adapter create(AdapterContext namespace) {
		if (namespace.recovery() != null) {
			throw new IllegalStateException("Connection state recovery is not supported by the Redis PUB/SUB adapter "
					+ "(as with Node's @socket.io/redis-adapter): turn connection state recovery off, or use the "
					+ "Redis Streams adapter (socketio.adapter.type=redis-streams)");
		}
		startCountingServers();
		return new RedisAdapter(namespace, this);
	}

	/**
	 * Subscribes to a pattern and channels on the node's one subscriber connection until disposed: while Redis
	 * cannot be reached (at start-up too) or after the subscription failed, it tries again with a back-off.
	 * @param pattern the pattern
	 * @param channels the channels
	 * @param listener called with the channel and the body of each message
	 * @return what ends the subscription
	 */
	Disposable subscribe(String pattern, List<String> channels, RedisSubscriber.MessageListener listener) {
		List<Topic> topics = new ArrayList<>();
		topics.add(PatternTopic.of(pattern));
		channels.stream().map(ChannelTopic::of).forEach(topics::add);
		return this.subscriber.subscribe(topics, listener);
	}

	RedisAdapterOptions options() {
		return this.options;
	}

	RedisCommands commands() {
		return this.commands;
	}

	RedisAdapterCodec codec() {
		return this.codec;
	}

	ClusterObserver observer() {
		return this.observer;
	}

	@Override
	public synchronized void observe(ClusterObserver observer) {
		this.observer = ClusterObserverChain.append(this.observer, Objects.requireNonNull(observer, "observer"));
	}

	/** Counts servers every 10 s and, while Redis does not answer, asks every second whether it is back. */
	private void startCountingServers() {
		String channel = new RedisAdapterChannels(this.options.key(), "/", "").request();
		long every = SERVER_COUNT_REFRESH.toMillis() / PROBE_PERIOD.toMillis();
		this.serverCount.start(PROBE_PERIOD, (tick) -> tick % every == 0 || !this.availability.isAvailable(),
				() -> this.commands.probeSubscriberCount(channel));
	}

	@Override
	public String type() {
		return TYPE;
	}

	/** The subscribers of the main namespace's request channel when last counted. */
	@Override
	public int serverCount() {
		return this.serverCount.get();
	}

	@Override
	public boolean isAvailable() {
		return this.availability.isAvailable();
	}

	@Override
	public long unavailableSince() {
		return this.availability.unavailableSince();
	}

	@Override
	public long errorCount() {
		return this.availability.errorCount();
	}

	/** PUB/SUB has no log to fall behind on. */
	@Override
	public long readLagMillis() {
		return 0;
	}

	/** PUB/SUB has no log. */
	@Override
	public Map<String, @Nullable String> lastReadIds() {
		return Map.of();
	}

	/**
	 * Ends the subscriptions and closes the connections, once: a graceful stop calls it while Redis still runs, and
	 * the application context again when it is destroyed.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.serverCount.stop();
		this.subscriber.close();
		this.commands.close();
	}

}
