package io.github.springsocketio.adapter.redis;

import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import io.github.springsocketio.server.AdapterFactory;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.SocketIOOptions;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOSocket;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One Java server node of a test cluster: a {@link SocketIOServer} with its own {@link RedisStreamsAdapterFactory}
 * (or {@link RedisAdapterFactory}, {@link RedisShardedAdapterFactory}) and Redis connections, served on {@code 127.0.0.1} and a free port. Every socket of {@code /} and of the dynamic
 * namespaces {@code ^/dyn-\w+$} gets {@code data.origin} = the node id (unless recovered), is the user its CONNECT
 * auth payload names in {@code user} (anonymous without), as an application's authentication would make it, and
 * answers:
 * <ul>
 * <li>{@code whoami} → {@code {id, nsp, rooms (sorted), recovered, node, data}}</li>
 * <li>{@code join(room)} / {@code leave(room)} → {@code true}</li>
 * <li>{@code to(target, event, payload)}: {@code socket.to(target).emit(event, payload)} → {@code true}</li>
 * </ul>
 */
public final class ClusterNode implements AutoCloseable {

	/** The dynamic namespaces the nodes serve. */
	public static final Pattern DYNAMIC = Pattern.compile("^/dyn-\\w+$");

	private final String id;

	private final LettuceConnectionFactory connections;

	private final AdapterFactory adapters;

	private final Runnable closeAdapters;

	private final SocketIOServer server;

	private final DisposableServer http;

	private volatile boolean crashed;

	private ClusterNode(String id, TestRedis redis, RedisStreamsAdapterOptions options,
			@Nullable ConnectionStateRecoveryOptions recovery, boolean awaitReadLoop) {
		this(id, redis.connectionFactory(), (connections, mapper) -> new RedisStreamsAdapterFactory(connections,
				options, mapper), recovery, awaitReadLoop);
	}

	private ClusterNode(String id, LettuceConnectionFactory connections,
			BiFunction<LettuceConnectionFactory, JsonMapper, AdapterFactory> adapterFactory,
			@Nullable ConnectionStateRecoveryOptions recovery, boolean awaitReadLoop) {
		this.id = id;
		JsonMapper mapper = JsonMapper.builder().build();
		this.connections = connections;
		this.adapters = adapterFactory.apply(connections, mapper);
		if (this.adapters instanceof RedisStreamsAdapterFactory streams) {
			this.closeAdapters = streams::close;
		}
		else if (this.adapters instanceof RedisShardedAdapterFactory sharded) {
			this.closeAdapters = sharded::close;
		}
		else {
			this.closeAdapters = ((RedisAdapterFactory) this.adapters)::close;
		}
		this.server = SocketIOServer.builder()
			.options(SocketIOOptions.defaults().withRecovery(recovery))
			.mapper(mapper)
			.adapterFactory(this.adapters)
			.authenticator(ClusterNode::userNamedInAuth)
			.build();
		this.server.onConnection(this::register);
		this.server.of(DYNAMIC).onConnection(this::register);
		this.http = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route(this.server.engine()::registerRoutes)
			.bindNow(Duration.ofSeconds(10));
		if (!awaitReadLoop) {
			return;
		}
		// the read loop finds where the stream ends asynchronously: entries added before that are not for this node
		Awaitility.await("read loop of " + id + " positioned")
			.atMost(Duration.ofSeconds(20))
			.until(() -> !adapters().lastReadIds().isEmpty()
					&& adapters().lastReadIds().values().stream().allMatch(java.util.Objects::nonNull));
	}

	/**
	 * Starts a node without connection state recovery.
	 * @param id the node id, in {@code whoami} and {@code data.origin}
	 * @param redis the Redis
	 * @param options the adapter options, the same for every node of the cluster
	 * @return the node
	 */
	public static ClusterNode start(String id, TestRedis redis, RedisStreamsAdapterOptions options) {
		return new ClusterNode(id, redis, options, null, true);
	}

	/**
	 * Starts a node.
	 * @param recovery connection state recovery, or {@code null}
	 * @return the node
	 */
	public static ClusterNode start(String id, TestRedis redis, RedisStreamsAdapterOptions options,
			@Nullable ConnectionStateRecoveryOptions recovery) {
		return new ClusterNode(id, redis, options, recovery, true);
	}

	/**
	 * Starts a node without waiting for its read loop to find the end of the stream, e.g. while Redis is down.
	 * @return the node
	 */
	public static ClusterNode startWithoutWaiting(String id, TestRedis redis, RedisStreamsAdapterOptions options) {
		return new ClusterNode(id, redis, options, null, false);
	}

	/**
	 * Starts a node with the Redis PUB/SUB adapter, without connection state recovery (it has none).
	 * @param id the node id, in {@code whoami} and {@code data.origin}
	 * @param redis the Redis
	 * @param options the adapter options, the same for every node of the cluster
	 * @return the node
	 */
	public static ClusterNode startPubSub(String id, TestRedis redis, RedisAdapterOptions options) {
		return new ClusterNode(id, redis.connectionFactory(),
				(connections, mapper) -> new RedisAdapterFactory(connections, options, mapper), null, false);
	}

	/**
	 * Starts a node with the sharded Redis PUB/SUB adapter, without connection state recovery (it has none).
	 * @param id the node id, in {@code whoami} and {@code data.origin}
	 * @param redis the Redis
	 * @param options the adapter options, the same for every node of the cluster
	 * @return the node
	 */
	public static ClusterNode startSharded(String id, TestRedis redis, RedisShardedAdapterOptions options) {
		return new ClusterNode(id, redis.connectionFactory(),
				(connections, mapper) -> new RedisShardedAdapterFactory(connections, options, mapper), null, false);
	}

	/**
	 * Starts a node of the Redis Streams adapter on connections of its own, e.g. on a Redis Cluster.
	 * @param connections the node's connection factory, destroyed with the node
	 * @param recovery connection state recovery, or {@code null}
	 * @return the node
	 */
	public static ClusterNode start(String id, LettuceConnectionFactory connections, RedisStreamsAdapterOptions options,
			@Nullable ConnectionStateRecoveryOptions recovery) {
		return new ClusterNode(id, connections,
				(factory, mapper) -> new RedisStreamsAdapterFactory(factory, options, mapper), recovery, true);
	}

	/**
	 * Starts a node of the Redis PUB/SUB adapter on connections of its own, e.g. on a Redis Cluster.
	 * @param connections the node's connection factory, destroyed with the node
	 * @return the node
	 */
	public static ClusterNode startPubSub(String id, LettuceConnectionFactory connections, RedisAdapterOptions options) {
		return new ClusterNode(id, connections,
				(factory, mapper) -> new RedisAdapterFactory(factory, options, mapper), null, false);
	}

	/**
	 * Starts a node of the sharded Redis PUB/SUB adapter on connections of its own, e.g. on a Redis Cluster.
	 * @param connections the node's connection factory, destroyed with the node
	 * @return the node
	 */
	public static ClusterNode startSharded(String id, LettuceConnectionFactory connections,
			RedisShardedAdapterOptions options) {
		return new ClusterNode(id, connections,
				(factory, mapper) -> new RedisShardedAdapterFactory(factory, options, mapper), null, false);
	}

	private static Mono<Principal> userNamedInAuth(SocketIOSocket socket) {
		String user = socket.handshake().auth("user");
		return (user != null) ? Mono.just((Principal) () -> user) : Mono.empty();
	}

	private void register(SocketIOSocket socket) {
		if (!socket.recovered()) {
			socket.data().put("origin", this.id);
		}
		socket.on("whoami", (args, ack) -> {
			Map<String, Object> me = new LinkedHashMap<>();
			me.put("id", socket.id());
			me.put("nsp", socket.namespace().name());
			me.put("rooms", socket.rooms().stream().sorted().toList());
			me.put("recovered", socket.recovered());
			me.put("node", this.id);
			me.put("data", socket.data());
			ack.send(me);
		});
		socket.on("join", (args, ack) -> {
			socket.join(args.text(0));
			ack.send(true);
		});
		socket.on("leave", (args, ack) -> {
			socket.leave(args.text(0));
			ack.send(true);
		});
		socket.on("to", (args, ack) -> {
			socket.to(args.text(0)).emit(args.text(1), args.node(2));
			ack.send(true);
		});
	}

	/** @return the node id */
	public String id() {
		return this.id;
	}

	/** @return the server */
	public SocketIOServer server() {
		return this.server;
	}

	/** @return the node's Redis side, for a node of the Redis Streams adapter */
	public RedisStreamsAdapterFactory adapters() {
		return (RedisStreamsAdapterFactory) this.adapters;
	}

	/** @return the node's Redis side, for a node of the Redis PUB/SUB adapter */
	public RedisAdapterFactory pubSub() {
		return (RedisAdapterFactory) this.adapters;
	}

	/** @return the node's Redis side, for a node of the sharded Redis PUB/SUB adapter */
	public RedisShardedAdapterFactory sharded() {
		return (RedisShardedAdapterFactory) this.adapters;
	}

	/** @return the node's port */
	public int port() {
		return this.http.port();
	}

	/** @return {@code http://127.0.0.1:<port>} */
	public String url() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Dies as a killed process does, as far as the cluster can tell: its Redis connections go first, so nothing it
	 * would do on the way out reaches Redis (no session kept at disconnection, no record of a live socket removed,
	 * its liveness key left to expire), then its adapter stops and its port closes. Its clients' connections end
	 * when the clients close them; {@link #close()} then only releases what is left in this process.
	 */
	public void crash() {
		this.crashed = true;
		this.connections.destroy();
		this.closeAdapters.run();
		this.http.disposeNow(Duration.ofSeconds(10));
	}

	@Override
	public void close() {
		if (this.crashed) {
			this.server.close();
			return;
		}
		try {
			this.server.close();
			this.http.disposeNow(Duration.ofSeconds(10));
		}
		finally {
			this.closeAdapters.run();
			this.connections.destroy();
		}
	}

}
