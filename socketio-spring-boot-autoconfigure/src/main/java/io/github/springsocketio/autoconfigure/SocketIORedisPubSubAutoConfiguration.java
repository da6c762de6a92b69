package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.adapter.redis.RedisAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisEmitter;
import io.github.springsocketio.server.AdapterFactory;
import org.msgpack.core.MessagePack;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * The Redis PUB/SUB adapter (wire-compatible with Node.js nodes on {@code @socket.io/redis-adapter} 8,
 * {@code createAdapter}) on the application's Redis, and an emitter for processes that serve no clients. Active when
 * {@code socketio.adapter.type=redis}.
 */
@AutoConfiguration(before = SocketIOAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass({ ReactiveRedisConnectionFactory.class, MessagePack.class })
@Conditional(OnRedisPubSubAdapterCondition.class)
@EnableConfigurationProperties(SocketIOProperties.class)
@Import(RedisConnectionRequirementConfiguration.class)
public final class SocketIORedisPubSubAutoConfiguration {

	/**
	 * The options; connection state recovery is refused here, at start-up, as this adapter (like Node's) keeps no
	 * session and a client would silently never recover.
	 */
	@Bean
	@ConditionalOnMissingBean
	RedisAdapterOptions socketIoRedisAdapterOptions(SocketIOProperties properties) {
		PubSubAdapterProperties.refuseRecovery(properties, "redis");
		SocketIOProperties.Redis redis = properties.getAdapter().getRedis();
		return RedisAdapterOptions.builder()
			.key(PubSubAdapterProperties.prefix("socketio.adapter.redis.key", redis.getKey(), "key"))
			.requestTimeout(EngineIoOptionsFactory.positive("socketio.adapter.redis.request-timeout",
					redis.getRequestTimeout()))
			.publishOnSpecificResponseChannel(redis.isPublishOnSpecificResponseChannel())
			.build();
	}

	/** Emits as {@code @socket.io/redis-emitter} 5 does; available even where no Socket.IO server runs. */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RedisEmitter socketIoEmitter(ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
			RedisConnectionRequirement requirement, RedisAdapterOptions options, ObjectProvider<JsonMapper> jsonMapper) {
		return new RedisEmitter(requirement.require(connectionFactory), options, JsonMappers.orDefault(jsonMapper));
	}

	/** The adapter factory of the Socket.IO server, where one runs. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSocketIOServer
	static class AdapterConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean(AdapterFactory.class)
		RedisAdapterFactory socketIoAdapterFactory(ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
				RedisConnectionRequirement requirement, RedisAdapterOptions options,
				ObjectProvider<JsonMapper> jsonMapper) {
			return new RedisAdapterFactory(requirement.require(connectionFactory), options,
					JsonMappers.orDefault(jsonMapper));
		}

	}

}
