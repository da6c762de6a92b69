package io.github.springsocketio.adapter.redis;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterMessageCodec;
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
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

/**
 * The Redis side of one server node: a command connection, one PUB/SUB connection, one read loop per stream, and the
 * adapter of each namespace, which it creates. Wire-compatible with Node.js nodes running
 * {@code @socket.io/redis-streams-adapter} 0.3 on the same Redis.
 *
 * <pre>{@code
 * RedisStreamsAdapterFactory redis = new RedisStreamsAdapterFactory(connectionFactory,
 *         RedisStreamsAdapterOptions.builder().build(), jsonMapper);
 * SocketIOServer server = SocketIOServer.builder().adapterFactory(redis).build();
 * }</pre>
 */
public final class RedisStreamsAdapterFactory implements AdapterFactory, ClusterStatus, AutoCloseable {

	/** The type this adapter reports itself as, in metrics and health. */
	public static final String TYPE = "redis-streams";

	private static final Log logger = LogFactory.getLog(RedisStreamsAdapterFactory.class);

	private static final Duration SERVER_COUNT_REFRESH = Duration.ofSeconds(10);

	private static final Duration MIN_RETRY = Duration.ofMillis(100);

	private static final Duration MAX_RETRY = Duration.ofSeconds(2);

	private final AtomicBoolean closed = new AtomicBoolean();

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final RedisStreamsAdapterOptions options;

	private final ClusterMessageCodec codec;

	private final RedisAvailability availability;

	private final RedisCommands commands;

	private final RedisSessionStore sessions;

	private final @Nullable LiveSessions liveSessions;

	private final Map<String, StreamReader> readers = new ConcurrentHashMap<>();

	private final Map<String, RedisStreamsAdapter> adapters = new ConcurrentHashMap<>();

	private volatile @Nullable ReactiveRedisMessageListenerContainer container;

	private volatile ClusterObserver observer = ClusterObserver.NONE;

	private volatile int serverCount = 1;

	private @Nullable Disposable serverCountRefresh;

	/**
	 * @param connectionFactory the application's reactive Redis connection factory (Lettuce)
	 * @param options the adapter options
	 * @param mapper the application's JSON mapper
	 */
	public RedisStreamsAdapterFactory(ReactiveRedisConnectionFactory connectionFactory,
			RedisStreamsAdapterOptions options, JsonMapper mapper) {
		this.connectionFactory = connectionFactory;
		this.availability = new RedisAvailability(RedisAddress.of(connectionFactory));
		this.options = options;
		this.codec = new ClusterMessageCodec(mapper, options.onlyPlaintext());
		this.commands = new RedisCommands(connectionFactory, options.requestTimeout(), this.availability);
		this.sessions = new RedisSessionStore(this.commands, options, this.codec, mapper);
		this.liveSessions = options.crashSafeRecovery()
				? new LiveSessions(this.commands, options.sessionKeyPrefix(), mapper, LiveSessions.DEFAULT_RENEWAL) : null;
	}

	@Override
	public Adapter create(AdapterContext namespace) {
		startCountingServers();
		RedisStreamsAdapter adapter = new RedisStreamsAdapter(namespace, this);
		this.adapters.put(namespace.namespace(), adapter);
		this.readers.computeIfAbsent(adapter.stream(), (stream) -> {
			StreamReader reader = new StreamReader(stream, this.connectionFactory, this.options, this.availability,
					this::onEntry);
			reader.start();
			return reader;
		});
		return adapter;
	}

	private void onEntry(String id, Map<String, String> fields) {
		ClusterMessage message = this.codec.fromStreamFields(fields);
		if (message == null) {
			return;
		}
		RedisStreamsAdapter adapter = this.adapters.get(message.nsp());
		if (adapter != null) {
			adapter.onMessage(message, id);
		}
	}

	/**
	 * Subscribes to channels until disposed: while Redis cannot be reached (at start-up too) or after the
	 * subscription failed, it tries again with a back-off.
	 */
	Disposable subscribe(List<String> channels, Consumer<byte[]> listener) {
		List<ChannelTopic> topics = channels.stream().map(ChannelTopic::of).toList();
		SerializationPair<ByteBuffer> raw = SerializationPair.byteBuffer();
		return container().flatMapMany((container) -> container.receive(topics, raw, raw))
			.doOnError((error) -> logger.debug("PUB/SUB subscription to " + channels + " failed; subscribing again",
					error))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, MIN_RETRY).maxBackoff(MAX_RETRY))
			.subscribe((message) -> listener.accept(RedisCommands.bytes(message.getMessage())),
					(error) -> logger.warn("PUB/SUB subscription to " + channels + " ended", error));
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

	/** {@code <prefix>#<nsp>#} for a namespace, {@code <prefix>#<nsp>#<uid>#} for one adapter. */
	String channel(String namespace, @Nullable String uid) {
		return this.options.channelPrefix() + "#" + namespace + "#" + ((uid != null) ? uid + "#" : "");
	}

	void remove(RedisStreamsAdapter adapter) {
		this.adapters.values().remove(adapter);
	}

	RedisStreamsAdapterOptions options() {
		return this.options;
	}

	RedisCommands commands() {
		return this.commands;
	}

	ClusterMessageCodec codec() {
		return this.codec;
	}

	RedisSessionStore sessions() {
		return this.sessions;
	}

	/** @return the records of live sockets, or {@code null} when crash-safe recovery is off */
	@Nullable LiveSessions liveSessions() {
		return this.liveSessions;
	}

	@Override
	public synchronized void observe(ClusterObserver observer) {
		this.observer = ClusterObserverChain.append(this.observer, Objects.requireNonNull(observer, "observer"));
	}

	ClusterObserver observer() {
		return this.observer;
	}

	/** Keeps {@link #serverCount()} fresh without a Redis round trip per call: a health probe reads it. */
	private synchronized void startCountingServers() {
		if (this.serverCountRefresh == null) {
			String channel = channel("/", null);
			this.serverCountRefresh = Flux.interval(Duration.ZERO, SERVER_COUNT_REFRESH)
				.onBackpressureDrop()
				.concatMap((tick) -> this.commands.subscriberCount(channel).onErrorResume((error) -> Mono.empty()))
				.subscribe((count) -> this.serverCount = (int) Math.max(count, 1));
		}
	}

	@Override
	public String type() {
		return TYPE;
	}

	/** The subscribers of the main namespace's channel when last counted. */
	@Override
	public int serverCount() {
		return this.serverCount;
	}

	/** The largest read lag of the streams read. */
	@Override
	public long readLagMillis() {
		long lag = 0;
		for (StreamReader reader : this.readers.values()) {
			lag = Math.max(lag, reader.lagMillis());
		}
		return lag;
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

	/** Each stream read, with the id of the last entry read from it. */
	@Override
	public Map<String, @Nullable String> lastReadIds() {
		Map<String, String> ids = new LinkedHashMap<>();
		this.readers.forEach((stream, reader) -> ids.put(stream, reader.lastId()));
		return ids;
	}

	/**
	 * Stops reading and closes the connections, once: a graceful stop calls it while Redis still runs, and the
	 * application context again when it is destroyed.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		if (this.serverCountRefresh != null) {
			this.serverCountRefresh.dispose();
		}
		if (this.liveSessions != null) {
			this.liveSessions.stop(this.options.requestTimeout());
		}
		this.readers.values().forEach(StreamReader::stop);
		this.readers.clear();
		ReactiveRedisMessageListenerContainer current = this.container;
		if (current != null) {
			current.destroyLater().subscribe(null, (ignored) -> {
			});
		}
		this.commands.close();
	}

}
