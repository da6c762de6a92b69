package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.adapter.redis.RedisShardedAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisShardedAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisShardedEmitter;
import io.github.springsocketio.adapter.redis.ShardedSubscriptionMode;
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
 * The sharded Redis PUB/SUB adapter (wire-compatible with Node.js nodes on {@code @socket.io/redis-adapter} 8,
 * {@code createShardedAdapter}) on the application's Redis 7, and an emitter for processes that serve no clients.
 * Active when {@code socketio.adapter.type=redis-sharded}.
 */
@AutoConfiguration(before = SocketIOAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
// Lettuce itself, not only Spring Data Redis: the adapter opens Lettuce connections of its own
@ConditionalOnClass(value = { ReactiveRedisConnectionFactory.class, MessagePack.class },
		name = "io.lettuce.core.RedisClient")
@Conditional(OnRedisShardedAdapterCondition.class)
@EnableConfigurationProperties(SocketIOProperties.class)
@Import(RedisConnectionRequirementConfiguration.class)
public final class SocketIORedisShardedAutoConfiguration {

	/**
	 * The options; connection state recovery is refused here, at start-up, as this adapter (like Node's) keeps no
	 * session and a client would silently never recover.
	 */
	@Bean
	@ConditionalOnMissingBean
	RedisShardedAdapterOptions socketIoRedisShardedAdapterOptions(SocketIOProperties properties) {
		PubSubAdapterProperties.refuseRecovery(properties, "redis-sharded");
		SocketIOProperties.Redis redis = properties.getAdapter().getRedis();
		return RedisShardedAdapterOptions.builder()
			.channelPrefix(PubSubAdapterProperties.prefix("socketio.adapter.redis.channel-prefix",
					redis.getChannelPrefix(), "channelPrefix"))
			.subscriptionMode(ShardedSubscriptionMode.valueOf(redis.getSubscriptionMode().name()))
			.requestTimeout(EngineIoOptionsFactory.positive("socketio.adapter.redis.request-timeout",
					redis.getRequestTimeout()))
			.build();
	}

	/** Emits with {@code SPUBLISH} as a node of the cluster does; available even where no Socket.IO server runs. */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RedisShardedEmitter socketIoEmitter(ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
			RedisConnectionRequirement requirement, RedisShardedAdapterOptions options, ObjectProvider<JsonMapper> jsonMapper) {
		return new RedisShardedEmitter(requirement.require(connectionFactory), options, JsonMappers.orDefault(jsonMapper));
	}

	/** The adapter factory of the Socket.IO server, where one runs. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSocketIOServer
	static class AdapterConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean(AdapterFactory.class)
		RedisShardedAdapterFactory socketIoAdapterFactory(
				ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
				RedisConnectionRequirement requirement, RedisShardedAdapterOptions options,
				ObjectProvider<JsonMapper> jsonMapper) {
			return new RedisShardedAdapterFactory(requirement.require(connectionFactory), options,
					JsonMappers.orDefault(jsonMapper));
		}

	}

}
