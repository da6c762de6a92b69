package io.github.springsocketio.adapter.redis;

import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.server.Adapter;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.AdapterFactory;
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
public final class RedisAdapterFactory extends RedisNode implements AdapterFactory {

	/** The type this adapter reports itself as, in metrics and health. */
	public static final String TYPE = "redis";

	private final RedisAdapterOptions options;

	private final RedisAdapterCodec codec;

	private final RedisCommands commands;

	private final RedisSubscriber subscriber;

	/**
	 * @param connectionFactory the application's reactive Redis connection factory (Lettuce)
	 * @param options the adapter options
	 * @param mapper the application's JSON mapper
	 */
	public RedisAdapterFactory(ReactiveRedisConnectionFactory connectionFactory, RedisAdapterOptions options,
			JsonMapper mapper) {
		super(TYPE, new RedisAvailability(RedisAddress.of(connectionFactory)));
		this.options = options;
		this.codec = new RedisAdapterCodec(mapper);
		this.commands = new RedisCommands(connectionFactory, options.requestTimeout(), availability());
		LettuceConnection.warnWithoutTopologyRefresh(connectionFactory);
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

	@Override
	public String topology() {
		return this.commands.topology();
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

	/** Counts the subscribers of the main namespace's request channel, every second while Redis does not answer. */
	private void startCountingServers() {
		String channel = new RedisAdapterChannels(this.options.key(), "/", "").request();
		startCountingServers(() -> this.commands.probeSubscriberCount(channel), true);
	}

	@Override
	void closeConnections() {
		this.subscriber.close();
		this.commands.close();
	}

}
