package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.springsocketio.adapter.redis.ClusterEmitter;
import io.github.springsocketio.adapter.redis.ClusterNode;
import io.github.springsocketio.adapter.redis.RedisAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisEmitter;
import io.github.springsocketio.adapter.redis.RedisShardedAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisShardedEmitter;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisStreamsEmitter;
import io.github.springsocketio.adapter.redis.TestClient;
import io.github.springsocketio.adapter.redis.TestRedis;
import io.github.springsocketio.server.AdapterFactory;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis Streams adapter's auto-configuration on a real Redis: which adapter {@code socketio.adapter.type} (or
 * its absence) selects, the options bound from {@code socketio.adapter.redis.*}, and the emitter of each Redis
 * adapter, which works in an application that serves no Socket.IO clients.
 */
class SocketIORedisOnARealRedisTests {

	private static final Duration TIMEOUT = TestClient.TIMEOUT;

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = TestRedis.shared();

	private final AutoConfigurations configurations = AutoConfigurations.of(JacksonAutoConfiguration.class,
			DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class, EngineIoAutoConfiguration.class,
			SocketIORedisAutoConfiguration.class, SocketIOAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner web = new ReactiveWebApplicationContextRunner()
		.withConfiguration(this.configurations);

	private String redisUrl() {
		return "spring.data.redis.url=" + this.redis.url();
	}

	/** Keeps the node off the default stream and channels, which other users of a given Redis may read. */
	private static String[] ownStream() {
		String name = TestRedis.uniqueName("auto");
		return new String[] { "socketio.adapter.redis.stream-name=" + name, "socketio.adapter.redis.channel-prefix=" + name };
	}

	@Test
	void withoutTypeOrRedisTheAdapterIsInMemory() {
		this.web.run((context) -> {
			assertThat(context).hasSingleBean(SocketIOServer.class).hasSingleBean(AdapterFactory.class);
			assertThat(context).doesNotHaveBean(RedisStreamsAdapterFactory.class)
				.doesNotHaveBean(RedisStreamsEmitter.class);
		});
	}

	@Test
	void withRedisConfiguredAndNoTypeTheAdapterIsRedisStreams() {
		this.web.withPropertyValues("spring.data.redis.host=127.0.0.1", redisUrl()).withPropertyValues(ownStream()).run((context) -> {
			assertThat(context).hasSingleBean(RedisStreamsEmitter.class);
			assertThat(context.getBean(AdapterFactory.class)).isInstanceOf(RedisStreamsAdapterFactory.class);
		});
	}

	@Test
	void typeMemoryWinsOverAConfiguredRedis() {
		this.web.withPropertyValues("socketio.adapter.type=memory", "spring.data.redis.host=127.0.0.1", redisUrl())
			.run((context) -> {
				assertThat(context).hasSingleBean(AdapterFactory.class).doesNotHaveBean(RedisStreamsEmitter.class);
				assertThat(context.getBean(AdapterFactory.class)).isNotInstanceOf(RedisStreamsAdapterFactory.class);
			});
	}

	@Test
	void typeRedisStreamsSelectsTheAdapterAndBindsItsOptions() {
		this.web
			.withPropertyValues("socketio.adapter.type=redis-streams", redisUrl(),
					"socketio.adapter.redis.stream-name=" + TestRedis.uniqueName("auto"),
					"socketio.adapter.redis.stream-count=2", "socketio.adapter.redis.channel-prefix=chat",
					"socketio.adapter.redis.max-length=500", "socketio.adapter.redis.read-count=10",
					"socketio.adapter.redis.block-time=1s", "socketio.adapter.redis.session-key-prefix=chat:session:",
					"socketio.adapter.redis.request-timeout=3s", "socketio.adapter.redis.only-plaintext=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisStreamsAdapterFactory.class).hasSingleBean(RedisStreamsEmitter.class);
				RedisStreamsAdapterOptions options = context.getBean(RedisStreamsAdapterOptions.class);
				assertThat(options.streamName()).startsWith("auto-");
				assertThat(options.streamCount()).isEqualTo(2);
				assertThat(options.channelPrefix()).isEqualTo("chat");
				assertThat(options.maxLength()).isEqualTo(500);
				assertThat(options.readCount()).isEqualTo(10);
				assertThat(options.blockTime()).isEqualTo(Duration.ofSeconds(1));
				assertThat(options.sessionKeyPrefix()).isEqualTo("chat:session:");
				assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.onlyPlaintext()).isTrue();
				// the node reads the stream of its main namespace, as Node.js would pick it
				RedisStreamsAdapterFactory factory = context.getBean(RedisStreamsAdapterFactory.class);
				Awaitility.await().atMost(TIMEOUT).until(() -> factory.lastReadIds().get(options.streamFor("/")) != null);
				assertThat(factory.lastReadIds()).containsOnlyKeys(options.streamName() + "-1");
			});
	}

	@Test
	void theEmitterOfAnApplicationThatServesNoClientsReachesTheClientsOfARunningNode() {
		RedisStreamsAdapterOptions options = TestRedis.options().build();
		ClusterNode node = this.resources.add(ClusterNode.start("node", this.redis, options));
		TestClient inRoom = this.resources.add(TestClient.connect(node.url(), "/"));
		inRoom.call("join", "room1");
		TestClient outside = this.resources.add(TestClient.connect(node.url(), "/"));

		new ApplicationContextRunner().withConfiguration(this.configurations)
			.withPropertyValues("socketio.enabled=false", "spring.data.redis.host=127.0.0.1", redisUrl(),
					"socketio.adapter.redis.stream-name=" + options.streamName(),
					"socketio.adapter.redis.channel-prefix=" + options.channelPrefix())
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisStreamsEmitter.class)
					.doesNotHaveBean(SocketIOServer.class)
					.doesNotHaveBean(RedisStreamsAdapterFactory.class);
				RedisStreamsEmitter emitter = context.getBean(RedisStreamsEmitter.class);

				emitter.to("room1").emit("announcement", "maintenance at noon", new byte[] { 1, 2 }).block(TIMEOUT);
				emitter.in("room1").socketsJoin("room2").block(TIMEOUT);
				emitter.emit("everyone").block(TIMEOUT);

				TestClient.Event announcement = inRoom.await("announcement");
				assertThat(announcement.arg(0)).isEqualTo("maintenance at noon");
				assertThat((byte[]) announcement.arg(1)).containsExactly(1, 2);
				outside.await("everyone");
				assertThat(outside.events("announcement")).isEmpty();
				Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(inRoom.rooms()).contains("room2"));

				emitter.in("room2").disconnectSockets(true).block(TIMEOUT);
				assertThat(inRoom.awaitDisconnect()).isEqualTo("io server disconnect");
				assertThat(outside.connected()).isTrue();
			});
		assertThat(outside.rooms()).isEqualTo(List.of(outside.id()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "redis", "redis-sharded" })
	void theEmitterOfEachPubSubAdapterReachesTheClientsOfARunningNodeFromAnApplicationThatServesNoClients(String type) {
		String prefix = TestRedis.uniqueName("auto-" + type);
		ClusterNode node = this.resources.add(type.equals("redis")
				? ClusterNode.startPubSub("node", this.redis, RedisAdapterOptions.builder().key(prefix).build())
				: ClusterNode.startSharded("node", this.redis,
						RedisShardedAdapterOptions.builder().channelPrefix(prefix).build()));
		TestClient inRoom = this.resources.add(TestClient.connect(node.url(), "/"));
		inRoom.call("join", "room1");
		TestClient outside = this.resources.add(TestClient.connect(node.url(), "/"));

		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
					DataRedisReactiveAutoConfiguration.class, SocketIORedisAutoConfiguration.class,
					SocketIORedisPubSubAutoConfiguration.class, SocketIORedisShardedAutoConfiguration.class))
			.withPropertyValues("socketio.enabled=false", "socketio.adapter.type=" + type, redisUrl(),
					"socketio.adapter.redis.key=" + prefix, "socketio.adapter.redis.channel-prefix=" + prefix)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AdapterFactory.class).doesNotHaveBean(RedisStreamsEmitter.class);
				// whatever the adapter, an application may inject the emitter by the type they share
				ClusterEmitter emitter = context.getBean(ClusterEmitter.class);
				assertThat(emitter).isInstanceOf(type.equals("redis") ? RedisEmitter.class : RedisShardedEmitter.class);

				emitter.to("room1").emit("announcement", "maintenance at noon", new byte[] { 1, 2 }).block(TIMEOUT);
				emitter.emit("everyone").block(TIMEOUT);

				TestClient.Event announcement = inRoom.await("announcement");
				assertThat(announcement.arg(0)).isEqualTo("maintenance at noon");
				assertThat((byte[]) announcement.arg(1)).containsExactly(1, 2);
				outside.await("everyone");
				assertThat(outside.events("announcement")).isEmpty();

				emitter.in("room1").disconnectSockets(true).block(TIMEOUT);
				assertThat(inRoom.awaitDisconnect()).isEqualTo("io server disconnect");
				assertThat(outside.connected()).isTrue();
			});
	}

}
