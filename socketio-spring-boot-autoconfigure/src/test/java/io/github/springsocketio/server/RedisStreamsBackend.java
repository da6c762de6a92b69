package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import io.github.springsocketio.adapter.redis.TestRedis;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.awaitility.Awaitility.await;

/**
 * The Redis Streams adapter on a real Redis: three nodes share one stream of their own, each with its own
 * connections, as three servers of a deployment would.
 */
final class RedisStreamsBackend implements ClusterBackend {

	private static final int NODES = 3;

	private final TestRedis redis = TestRedis.shared();

	private final RedisStreamsAdapterOptions options = TestRedis.options().build();

	private final List<LettuceConnectionFactory> connections = new ArrayList<>();

	private final List<RedisStreamsAdapterFactory> factories = new ArrayList<>();

	@Override
	public int nodes() {
		return NODES;
	}

	@Override
	public AdapterFactory newNode() {
		LettuceConnectionFactory connectionFactory = this.redis.connectionFactory();
		this.connections.add(connectionFactory);
		RedisStreamsAdapterFactory factory = new RedisStreamsAdapterFactory(connectionFactory, this.options,
				JsonMapper.builder().build());
		this.factories.add(factory);
		return factory;
	}

	/** Every read loop knows where the stream ends, and every node counts all the others as servers. */
	@Override
	public void awaitReady(List<SocketIOServer> nodes) {
		await("read loops positioned").atMost(Duration.ofSeconds(20))
			.until(() -> this.factories.stream()
				.allMatch((factory) -> !factory.lastReadIds().isEmpty()
						&& factory.lastReadIds().values().stream().allMatch(Objects::nonNull)));
		await("every node sees " + nodes.size() + " servers").atMost(Duration.ofSeconds(20))
			.until(() -> nodes.stream()
				.allMatch((node) -> node.defaultNamespace().adapter().serverCount().block() == nodes.size()));
	}

	@Override
	public void close() {
		this.factories.forEach(RedisStreamsAdapterFactory::close);
		this.connections.forEach(LettuceConnectionFactory::destroy);
	}

}
