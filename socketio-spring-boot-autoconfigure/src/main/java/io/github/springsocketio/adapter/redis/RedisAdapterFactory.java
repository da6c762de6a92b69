package io.github.springsocketio.adapter.redis;

import java.nio.ByteBuffer;
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
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.data.redis.listener.Topic;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

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

	private static final Log logger = LogFactory.getLog(RedisAdapterFactory.class);

	private static final Duration SERVER_COUNT_REFRESH = Duration.ofSeconds(10);

	/** How often Redis is probed while it does not answer: no read loop notices its return here. */
	private static final Duration PROBE_PERIOD = Duration.ofSeconds(1);

	private static final Duration MIN_RETRY = Duration.ofMillis(100);

	private static final Duration MAX_RETRY = Duration.ofSeconds(2);

	private final AtomicBoolean closed = new AtomicBoolean();

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final RedisAdapterOptions options;

	private final RedisAdapterCodec codec;

	private final RedisAvailability availability;

	private final RedisCommands commands;

	private volatile @Nullable ReactiveRedisMessageListenerContainer container;

	private volatile ClusterObserver observer = ClusterObserver.NONE;

	private volatile int serverCount = 1;

	private @Nullable Disposable serverCountRefresh;

	/**
	 * @param connectionFactory the application's reactive Redis connection factory (Lettuce)
	 * @param options the adapter options
	 * @param mapper the application's JSON mapper
	 */
	public RedisAdapterFactory(ReactiveRedisConnectionFactory connectionFactory, RedisAdapterOptions options,
			JsonMapper mapper) {
		this.connectionFactory = connectionFactory;
		this.options = options;
		this.codec = new RedisAdapterCodec(mapper);
		this.availability = new RedisAvailability(RedisAddress.of(connectionFactory));
		this.commands = new RedisCommands(connectionFactory, options.requestTimeout(), this.availability);
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
	Disposable subscribe(String pattern, List<String> channels, MessageListener listener) {
		List<Topic> topics = new ArrayList<>();
		topics.add(PatternTopic.of(pattern));
		channels.stream().map(ChannelTopic::of).forEach(topics::add);
		SerializationPair<ByteBuffer> raw = SerializationPair.byteBuffer();
		return container().flatMapMany((container) -> container.receive(topics, raw, raw))
			.doOnError((error) -> logger.debug("PUB/SUB subscription to " + topics + " failed; subscribing again",
					error))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, MIN_RETRY).maxBackoff(MAX_RETRY))
			.subscribe((message) -> listener.onMessage(RedisCommands.text(message.getChannel()),
					RedisCommands.bytes(message.getMessage())),
					(error) -> logger.warn("PUB/SUB subscription to " + topics + " ended", error));
	}

	/** The container, created at the first subscription that finds Redis: it connects when created. */
	private Mono<ReactiveRedisMessageListenerContainer> container() {
		return Mono.defer(() -> {
			ReactiveRedisMessageListenerContainer current = this.container;
			return (current != null) ? Mono.just(current)
					: Mono.fromCallable(this::createContainer).subscribeOn(Schedulers.boundedElastic());
		});
	}

	private synchronized ReactiveRedisMessageListenerContainer createContainer() {
		ReactiveRedisMessageListenerContainer current = this.container;
		if (current == null) {
			current = new ReactiveRedisMessageListenerContainer(this.connectionFactory);
			this.container = current;
		}
		return current;
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

	/**
	 * Keeps {@link #serverCount()} fresh without a Redis round trip per call (a health probe reads it), and, while
	 * Redis does not answer, asks every second whether it is back.
	 */
	private synchronized void startCountingServers() {
		if (this.serverCountRefresh == null) {
			String channel = new RedisAdapterChannels(this.options.key(), "/", "").request();
			long every = SERVER_COUNT_REFRESH.toMillis() / PROBE_PERIOD.toMillis();
			this.serverCountRefresh = Flux.interval(Duration.ZERO, PROBE_PERIOD)
				.onBackpressureDrop()
				.filter((tick) -> tick % every == 0 || !this.availability.isAvailable())
				.concatMap((tick) -> this.commands.probeSubscriberCount(channel).onErrorResume((error) -> Mono.empty()))
				.subscribe((count) -> this.serverCount = (int) Math.max(count, 1));
		}
	}

	@Override
	public String type() {
		return TYPE;
	}

	/** The subscribers of the main namespace's request channel when last counted. */
	@Override
	public int serverCount() {
		return this.serverCount;
	}

	/** PUB/SUB has no log to fall behind on. */
	@Override
	public long readLagMillis() {
		return 0;
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
		if (this.serverCountRefresh != null) {
			this.serverCountRefresh.dispose();
		}
		ReactiveRedisMessageListenerContainer current = this.container;
		if (current != null) {
			current.destroyLater().subscribe(null, (ignored) -> {
			});
		}
		this.commands.close();
	}

	/** Receives the messages of a subscription. */
	@FunctionalInterface
	interface MessageListener {

		/**
		 * @param channel the channel the message was published on
		 * @param body the message
		 */
		void onMessage(String channel, byte[] body);

	}

}
