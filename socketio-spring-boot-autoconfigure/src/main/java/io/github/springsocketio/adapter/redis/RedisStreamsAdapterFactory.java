package io.github.springsocketio.adapter.redis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterMessageCodec;
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
public final class RedisStreamsAdapterFactory extends RedisNode implements AdapterFactory {

	/** The type this adapter reports itself as, in metrics and health. */
	public static final String TYPE = "redis-streams";

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final RedisStreamsAdapterOptions options;

	private final ClusterMessageCodec codec;

	private final RedisCommands commands;

	private final RedisSessionStore sessions;

	private final RecoveryLimiter recoveries;

	private final @Nullable LiveSessions liveSessions;

	private final Map<String, StreamReader> readers = new ConcurrentHashMap<>();

	private final Map<String, RedisStreamsAdapter> adapters = new ConcurrentHashMap<>();

	private final RedisSubscriber subscriber;

	/**
	 * @param connectionFactory the application's reactive Redis connection factory (Lettuce)
	 * @param options the adapter options
	 * @param mapper the application's JSON mapper
	 */
	public RedisStreamsAdapterFactory(ReactiveRedisConnectionFactory connectionFactory,
			RedisStreamsAdapterOptions options, JsonMapper mapper) {
		super(TYPE, new RedisAvailability(RedisAddress.of(connectionFactory)));
		this.connectionFactory = connectionFactory;
		this.options = options;
		this.codec = new ClusterMessageCodec(mapper, options.onlyPlaintext());
		this.commands = new RedisCommands(connectionFactory, options.requestTimeout(), availability());
		LettuceConnection.warnWithoutTopologyRefresh(connectionFactory);
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
			StreamReader reader = new StreamReader(stream, this.connectionFactory, this.options, availability(),
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

	@Override
	public String topology() {
		return this.commands.topology();
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

	/** Counts the subscribers of the main namespace's channel; the read loops notice when Redis is back. */
	private void startCountingServers() {
		String channel = channel("/", null);
		startCountingServers(() -> this.commands.subscriberCount(channel), false);
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

	/** Writes the live records still gathered, stops reading and closes the connections. */
	@Override
	void closeConnections() {
		if (this.liveSessions != null) {
			this.liveSessions.stop(this.options.requestTimeout());
		}
		this.readers.values().forEach(StreamReader::stop);
		this.readers.clear();
		this.subscriber.close();
		this.commands.close();
	}

}
