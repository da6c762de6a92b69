package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisStreamsEmitter;
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
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The adapter: in memory by default, Redis Streams by property or when Redis is configured. No Redis server is
 * needed: the connection factory is a stub and the server here is the test's own, so nothing connects.
 */
class SocketIORedisAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIORedisAutoConfiguration.class,
				SocketIOAutoConfiguration.class))
		.withBean(SocketIOServer.class, () -> SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build())
		.withBean(ReactiveRedisConnectionFactory.class, SocketIORedisAutoConfigurationTests::redis);

	/** A connection factory that never connects. */
	static ReactiveRedisConnectionFactory redis() {
		ReactiveRedisConnectionFactory factory = mock(ReactiveRedisConnectionFactory.class);
		given(factory.getReactiveConnection()).willReturn(mock(ReactiveRedisConnection.class));
		return factory;
	}

	@Test
	void shouldUseTheInMemoryAdapterByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AdapterFactory.class)
				.doesNotHaveBean(RedisStreamsAdapterFactory.class)
				.doesNotHaveBean(RedisStreamsEmitter.class);
		});
	}

	@Test
	void shouldUseRedisStreamsWhenTheTypeSaysSo() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis-streams").run((context) -> {
			assertThat(context).hasSingleBean(RedisStreamsAdapterFactory.class)
				.hasSingleBean(RedisStreamsEmitter.class)
				.hasSingleBean(RedisStreamsAdapterOptions.class);
			assertThat(context.getBean(AdapterFactory.class)).isInstanceOf(RedisStreamsAdapterFactory.class);
		});
	}

	@Test
	void shouldUseRedisStreamsWhenRedisIsConfigured() {
		this.contextRunner.withPropertyValues("spring.data.redis.host=localhost")
			.run((context) -> assertThat(context.getBean(AdapterFactory.class))
				.isInstanceOf(RedisStreamsAdapterFactory.class));
	}

	@Test
	void shouldKeepTheInMemoryAdapterWhenTheTypeSaysSoEvenWithRedisConfigured() {
		this.contextRunner.withPropertyValues("spring.data.redis.host=localhost", "socketio.adapter.type=memory")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisStreamsAdapterFactory.class)
				.hasSingleBean(AdapterFactory.class));
	}

	@Test
	void shouldBackOffWithoutSpringDataRedis() {
		withoutSpringDataRedis().withPropertyValues("spring.data.redis.host=localhost")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisStreamsAdapterFactory.class)
				.doesNotHaveBean(RedisStreamsEmitter.class)
				.hasSingleBean(AdapterFactory.class));
	}

	@Test
	void shouldRefuseToStartWhenTheTypeAsksForRedisStreamsWithoutSpringDataRedis() {
		withoutSpringDataRedis().withPropertyValues("socketio.adapter.type=redis-streams")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socketio.adapter.type")
				.hasMessageContaining("spring-boot-data-redis"));
	}

	private static ReactiveWebApplicationContextRunner withoutSpringDataRedis() {
		return withBootsRedisAutoConfiguration()
			.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class));
	}

	/** Boot's own Redis auto-configuration, which falls back to localhost:6379. */
	private static ReactiveWebApplicationContextRunner withBootsRedisAutoConfiguration() {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					DataRedisReactiveAutoConfiguration.class, EngineIoAutoConfiguration.class,
					SocketIORedisAutoConfiguration.class, SocketIOAutoConfiguration.class));
	}

	@Test
	void shouldBindTheAdapterOptions() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis-streams", "socketio.adapter.redis.stream-name=chat",
					"socketio.adapter.redis.stream-count=4", "socketio.adapter.redis.max-length=500",
					"socketio.adapter.redis.only-plaintext=true")
			.run((context) -> {
				RedisStreamsAdapterOptions options = context.getBean(RedisStreamsAdapterOptions.class);
				assertThat(options.streamName()).isEqualTo("chat");
				assertThat(options.streamCount()).isEqualTo(4);
				assertThat(options.maxLength()).isEqualTo(500);
				assertThat(options.onlyPlaintext()).isTrue();
			});
	}

	@Test
	void shouldRefuseImpossibleAdapterOptions() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis-streams", "socketio.adapter.redis.stream-count=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socketio.adapter.redis.stream-count"));
	}

	@Test
	void shouldSayHowToFixAMissingRedisConnectionFactory() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class,
					SocketIORedisAutoConfiguration.class, SocketIOAutoConfiguration.class))
			.withPropertyValues("socketio.adapter.type=redis-streams")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("needs a ReactiveRedisConnectionFactory bean")
				.hasMessageContaining("socketio.adapter.type=memory"));
	}

	@Test
	void shouldRefuseToStartWhenTheTypeAsksForRedisStreamsButNothingSaysWhereRedisIs() {
		withSpringBootsRedis().withPropertyValues("socketio.adapter.type=redis-streams")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(RedisNotConfiguredException.class)
				.hasMessageContaining("localhost:6379")
				.hasMessageContaining("spring.data.redis.url")
				.hasMessageContaining("socketio.adapter.type=memory"));
	}

	@Test
	void shouldStartWhenTheTypeAsksForRedisStreamsAndAnyRedisPropertySaysWhere() {
		String[][] configurations = { { "spring.data.redis.host=127.0.0.1" }, { "spring.data.redis.port=6390" },
				{ "spring.data.redis.url=redis://127.0.0.1:6390" }, { "spring.data.redis.cluster.nodes=127.0.0.1:7000" },
				{ "spring.data.redis.sentinel.master=main", "spring.data.redis.sentinel.nodes=127.0.0.1:26379" } };
		for (String[] redis : configurations) {
			withSpringBootsRedis().withPropertyValues("socketio.adapter.type=redis-streams")
				.withPropertyValues(redis)
				.run((context) -> assertThat(context).as(redis[0])
					.hasNotFailed()
					.hasSingleBean(RedisStreamsAdapterFactory.class));
		}
	}

	@Test
	void shouldStartWhenTheTypeAsksForRedisStreamsAndTheApplicationDefinesItsOwnConnectionFactory() {
		withSpringBootsRedis().withPropertyValues("socketio.adapter.type=redis-streams")
			.withBean(LettuceConnectionFactory.class,
					() -> new LettuceConnectionFactory(new RedisStandaloneConfiguration("redis.internal", 6390)))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(RedisStreamsAdapterFactory.class));
	}

	/** With the test's own server, so that nothing connects at start. */
	private static ReactiveWebApplicationContextRunner withSpringBootsRedis() {
		return withBootsRedisAutoConfiguration()
			.withBean(SocketIOServer.class, () -> SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build());
	}

	@Test
	void shouldLetTheUsersAdapterFactoryWin() {
		AdapterFactory mine = InMemoryAdapter::new;
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis-streams")
			.withBean(AdapterFactory.class, () -> mine)
			.run((context) -> assertThat(context.getBean(AdapterFactory.class)).isSameAs(mine));
	}

	@Test
	void shouldOfferTheEmitterWhereNoSocketIOServerRuns() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIORedisAutoConfiguration.class))
			.withBean(ReactiveRedisConnectionFactory.class, SocketIORedisAutoConfigurationTests::redis)
			.withPropertyValues("socketio.adapter.type=redis-streams")
			.run((context) -> assertThat(context).hasSingleBean(RedisStreamsEmitter.class)
				.doesNotHaveBean(RedisStreamsAdapterFactory.class));
	}

}
