package io.github.springsocketio.autoconfigure;

import java.time.Duration;

import io.github.springsocketio.adapter.ClusterStatus;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.adapter.redis.ClusterEmitter;
import io.github.springsocketio.adapter.redis.RedisAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisEmitter;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisStreamsEmitter;
import io.github.springsocketio.server.AdapterFactory;
import io.github.springsocketio.server.SocketIOServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

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
 * The Redis PUB/SUB adapter and its emitter: only when {@code socketio.adapter.type=redis} asks for them, the emitter
 * also where no server runs. No Redis server is needed: the connection factory is a stub and the server here is the
 * test's own, so nothing connects.
 */
class SocketIORedisPubSubAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIORedisAutoConfiguration.class,
				SocketIORedisPubSubAutoConfiguration.class, SocketIOAutoConfiguration.class))
		.withBean(SocketIOServer.class, () -> SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build())
		.withBean(ReactiveRedisConnectionFactory.class, SocketIORedisAutoConfigurationTests::redis);

	@Test
	void shouldUseThePubSubAdapterWhenTheTypeSaysSo() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis").run((context) -> {
			assertThat(context).hasSingleBean(RedisAdapterFactory.class)
				.hasSingleBean(RedisAdapterOptions.class)
				.hasSingleBean(RedisEmitter.class)
				.doesNotHaveBean(RedisStreamsAdapterFactory.class)
				.doesNotHaveBean(RedisStreamsEmitter.class);
			assertThat(context).getBeans(ClusterEmitter.class).containsOnlyKeys("socketIoEmitter");
			assertThat(context.getBean(AdapterFactory.class)).isInstanceOf(RedisAdapterFactory.class);
			assertThat(((ClusterStatus) context.getBean(AdapterFactory.class)).type()).isEqualTo("redis");
		});
	}

	@Test
	void shouldNeverBeChosenWithoutTheType() {
		this.contextRunner.withPropertyValues("spring.data.redis.host=localhost")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisAdapterFactory.class)
				.doesNotHaveBean(RedisEmitter.class)
				.hasSingleBean(RedisStreamsAdapterFactory.class));
	}

	@Test
	void shouldOfferTheEmitterWhereNoSocketIOServerRuns() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketIORedisAutoConfiguration.class,
					SocketIORedisPubSubAutoConfiguration.class))
			.withBean(ReactiveRedisConnectionFactory.class, SocketIORedisAutoConfigurationTests::redis)
			.withPropertyValues("socketio.adapter.type=redis")
			.run((context) -> assertThat(context).hasSingleBean(RedisEmitter.class)
				.doesNotHaveBean(RedisAdapterFactory.class)
				.doesNotHaveBean(RedisStreamsEmitter.class));
	}

	@Test
	void shouldLetTheUsersEmitterWin() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis")
			.withBean("myEmitter", RedisEmitter.class,
					() -> new RedisEmitter(SocketIORedisAutoConfigurationTests.redis(),
							RedisAdapterOptions.builder().key("mine").build(), JsonMapper.builder().build()))
			.run((context) -> assertThat(context).getBeans(RedisEmitter.class).containsOnlyKeys("myEmitter"));
	}

	@Test
	void shouldBindTheOptionsWithTheDefaultsOfTheNodeJsAdapter() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis").run((context) -> {
			RedisAdapterOptions options = context.getBean(RedisAdapterOptions.class);
			assertThat(options.key()).isEqualTo("socket.io");
			assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(options.publishOnSpecificResponseChannel()).isFalse();
		});
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis", "socketio.adapter.redis.key=chat",
					"socketio.adapter.redis.request-timeout=2s",
					"socketio.adapter.redis.publish-on-specific-response-channel=true")
			.run((context) -> assertThat(context.getBean(RedisAdapterOptions.class))
				.isEqualTo(new RedisAdapterOptions("chat", Duration.ofSeconds(2), true)));
	}

	@Test
	void shouldRefuseConnectionStateRecoveryItCannotProvide() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis", "socketio.connection-state-recovery.enabled=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socketio.connection-state-recovery.enabled")
				.hasMessageContaining("redis-streams"));
	}

	@Test
	void shouldRefuseAnEmptyKey() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis", "socketio.adapter.redis.key=")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socketio.adapter.redis.key"));
	}

	@Test
	void shouldRefuseToStartWhenTheTypeAsksForItWithoutSpringDataRedis() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					DataRedisReactiveAutoConfiguration.class, EngineIoAutoConfiguration.class,
					SocketIORedisPubSubAutoConfiguration.class, SocketIOAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class))
			.withPropertyValues("socketio.adapter.type=redis")
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
					SocketIORedisPubSubAutoConfiguration.class, SocketIOAutoConfiguration.class))
			.withBean(SocketIOServer.class, () -> SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build())
			.withPropertyValues("socketio.adapter.type=redis")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(RedisNotConfiguredException.class)
				.hasMessageContaining("socketio.adapter.type=redis is set")
				.hasMessageContaining("localhost:6379"));
	}

}
