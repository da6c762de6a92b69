package io.github.springsocketio.adapter.redis;

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
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;

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

	private static final Duration SERVER_COUNT_REFRESH = Duration.ofSeconds(10);

	private final AtomicBoolean closed = new AtomicBoolean();

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final RedisStreamsAdapterOptions options;

	private final ClusterMessageCodec codec;

	private final RedisAvailability availability;

	private final RedisCommands commands;

	private final RedisSessionStore sessions;

	private final RecoveryLimiter recoveries;

	private final @Nullable LiveSessions liveSessions;

	private final Map<String, StreamReader> readers = new ConcurrentHashMap<>();

	private final Map<String, RedisStreamsAdapter> adapters = new ConcurrentHashMap<>();

	private final RedisSubscriber subscriber;

	private volatile ClusterObserver observer = ClusterObserver.NONE;

	private final ServerCount serverCount = new ServerCount();

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
		this.subscriber = new RedisSubscriber(connectionFactory);
		this.sessions = new RedisSessionStore(this.commands, options, new SharedStreamReads(this.commands, this.codec),
				mapper);
		this.recoveries = new RecoveryLimiter(options.maxConcurrentRecoveries(), options.maxQueuedRecoveries());
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
		return this.subscriber.subscribe(channels.stream().map(ChannelTopic::of).toList(),
				(channel, body) -> listener.accept(body));
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

	/** @return the bound on the recoveries this node runs at once */
	RecoveryLimiter recoveries() {
		return this.recoveries;
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

	private void startCountingServers() {
		String channel = channel("/", null);
		this.serverCount.start(SERVER_COUNT_REFRESH, (tick) -> true, () -> this.commands.subscriberCount(channel));
	}

	@Override
	public String type() {
		return TYPE;
	}

	/** The subscribers of the main namespace's channel when last counted. */
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

	/** The largest read lag of the streams read. */
	@Override
	public long readLagMillis() {
		long lag = 0;
		for (StreamReader reader : this.readers.values()) {
			lag = Math.max(lag, reader.lagMillis());
		}
		return lag;
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
		this.serverCount.stop();
		if (this.liveSessions != null) {
			this.liveSessions.stop(this.options.requestTimeout());
		}
		this.readers.values().forEach(StreamReader::stop);
		this.readers.clear();
		this.subscriber.close();
		this.commands.close();
	}

}
