package io.github.springsocketio.autoconfigure;

import java.time.Duration;

import io.github.springsocketio.adapter.ClusterStatus;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.adapter.redis.ClusterEmitter;
import io.github.springsocketio.adapter.redis.RedisAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisShardedAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisShardedAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisShardedEmitter;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.adapter.redis.ShardedSubscriptionMode;
import io.github.springsocketio.server.AdapterFactory;
import io.github.springsocketio.server.SocketIOServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sharded Redis PUB/SUB adapter and its emitter: only when {@code socketio.adapter.type=redis-sharded} asks for
 * them, the emitter also where no server runs. No Redis server is needed: the connection factory is a stub and the
 * server here is the test's own, so nothing connects.
 */
class SocketIORedisShardedAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIORedisAutoConfiguration.class,
				SocketIORedisPubSubAutoConfiguration.class, SocketIORedisShardedAutoConfiguration.class,
				SocketIOAutoConfiguration.class))
		.withBean(SocketIOServer.class, () -> SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build())
		.withBean(ReactiveRedisConnectionFactory.class, SocketIORedisAutoConfigurationTests::redis);

	@Test
	void shouldUseTheShardedAdapterWhenTheTypeSaysSo() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis-sharded").run((context) -> {
			assertThat(context).hasSingleBean(RedisShardedAdapterFactory.class)
				.hasSingleBean(RedisShardedAdapterOptions.class)
				.hasSingleBean(RedisShardedEmitter.class)
				.doesNotHaveBean(RedisAdapterFactory.class)
				.doesNotHaveBean(RedisStreamsAdapterFactory.class);
			assertThat(((ClusterStatus) context.getBean(AdapterFactory.class)).type()).isEqualTo("redis-sharded");
		});
	}

	@Test
	void shouldNeverBeChosenWithoutTheType() {
		this.contextRunner.withPropertyValues("spring.data.redis.host=localhost")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisShardedAdapterFactory.class)
				.doesNotHaveBean(RedisShardedEmitter.class)
				.hasSingleBean(RedisStreamsAdapterFactory.class));
	}

	@Test
	void shouldOfferTheEmitterWhereNoSocketIOServerRuns() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketIORedisAutoConfiguration.class,
					SocketIORedisPubSubAutoConfiguration.class, SocketIORedisShardedAutoConfiguration.class))
			.withBean(ReactiveRedisConnectionFactory.class, SocketIORedisAutoConfigurationTests::redis)
			.withPropertyValues("socketio.adapter.type=redis-sharded")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisShardedEmitter.class)
					.doesNotHaveBean(RedisShardedAdapterFactory.class);
				assertThat(context).getBeans(ClusterEmitter.class).containsOnlyKeys("socketIoEmitter");
			});
	}

	@Test
	void shouldBindTheOptionsWithTheDefaultsOfTheNodeJsAdapter() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis-sharded")
			.run((context) -> assertThat(context.getBean(RedisShardedAdapterOptions.class))
				.isEqualTo(RedisShardedAdapterOptions.builder().build())
				.extracting(RedisShardedAdapterOptions::channelPrefix, RedisShardedAdapterOptions::subscriptionMode)
				.containsExactly("socket.io", ShardedSubscriptionMode.DYNAMIC));
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis-sharded", "socketio.adapter.redis.channel-prefix=chat",
					"socketio.adapter.redis.subscription-mode=dynamic-private",
					"socketio.adapter.redis.request-timeout=2s")
			.run((context) -> assertThat(context.getBean(RedisShardedAdapterOptions.class)).isEqualTo(
					new RedisShardedAdapterOptions("chat", ShardedSubscriptionMode.DYNAMIC_PRIVATE, Duration.ofSeconds(2))));
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis-sharded", "socketio.adapter.redis.subscription-mode=static")
			.run((context) -> assertThat(context.getBean(RedisShardedAdapterOptions.class).subscriptionMode())
				.isEqualTo(ShardedSubscriptionMode.STATIC));
	}

	@Test
	void shouldRefuseConnectionStateRecoveryItCannotProvide() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis-sharded", "socketio.connection-state-recovery.enabled=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socketio.connection-state-recovery.enabled")
				.hasMessageContaining("redis-streams"));
	}

	@Test
	void shouldRefuseAnUnknownSubscriptionMode() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis-sharded", "socketio.adapter.redis.subscription-mode=rooms")
			.run((context) -> assertThat(context.getStartupFailure()).hasStackTraceContaining("subscription-mode"));
	}

	@Test
	void shouldRefuseToStartWhenTheTypeAsksForItWithoutSpringDataRedis() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					DataRedisReactiveAutoConfiguration.class, EngineIoAutoConfiguration.class,
					SocketIORedisShardedAutoConfiguration.class, SocketIOAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class))
			.withPropertyValues("socketio.adapter.type=redis-sharded")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socketio.adapter.type")
				.hasMessageContaining("spring-boot-data-redis"));
	}

	@Test
	void shouldRefuseToStartWhenNothingSaysWhereRedisIs() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					DataRedisReactiveAutoConfiguration.class, EngineIoAutoConfiguration.class,
					SocketIORedisShardedAutoConfiguration.class, SocketIOAutoConfiguration.class))
			.withBean(SocketIOServer.class, () -> SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build())
			.withPropertyValues("socketio.adapter.type=redis-sharded")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(RedisNotConfiguredException.class)
				.hasMessageContaining("socketio.adapter.type=redis-sharded is set")
				.hasMessageContaining("localhost:6379"));
	}

	@Test
	void shouldRunOnARedisClusterConfiguredWithItsNodes() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					DataRedisReactiveAutoConfiguration.class, EngineIoAutoConfiguration.class,
					SocketIORedisShardedAutoConfiguration.class, SocketIOAutoConfiguration.class))
			.withBean(SocketIOServer.class, () -> SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build())
			.withPropertyValues("socketio.adapter.type=redis-sharded", "spring.data.redis.cluster.nodes=127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RedisShardedAdapterFactory.class);
				assertThat(((ClusterStatus) context.getBean(AdapterFactory.class)).type()).isEqualTo("redis-sharded");
			});
	}

}
