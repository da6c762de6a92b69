package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisStreamsEmitter;
import io.github.springsocketio.server.AdapterFactory;
import org.msgpack.core.MessagePack;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * The Redis Streams adapter (wire-compatible with Node.js nodes on {@code @socket.io/redis-streams-adapter}) on the
 * application's Redis, and an emitter for processes that serve no clients. Active when
 * {@code socketio.adapter.type=redis-streams}, or when no type is set and Redis is configured.
 */
@AutoConfiguration(before = SocketIOAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass({ ReactiveRedisConnectionFactory.class, MessagePack.class })
@Conditional(OnRedisStreamsAdapterCondition.class)
@EnableConfigurationProperties(SocketIOProperties.class)
@Import(RedisConnectionRequirementConfiguration.class)
public final class SocketIORedisAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisStreamsAdapterOptions socketIoRedisStreamsOptions(SocketIOProperties properties) {
		SocketIOProperties.Redis redis = properties.getAdapter().getRedis();
		String prefix = "socketio.adapter.redis.";
		if (redis.getStreamCount() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "stream-count", redis.getStreamCount(),
					"Use at least 1.");
		}
		if (redis.getMaxLength() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-length", redis.getMaxLength(),
					"Use a positive number of entries.");
		}
		if (redis.getReadCount() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "read-count", redis.getReadCount(),
					"Use a positive number of entries.");
		}
		if (redis.getMaxConcurrentRecoveries() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-concurrent-recoveries",
					redis.getMaxConcurrentRecoveries(), "Use at least 1.");
		}
		if (redis.getMaxQueuedRecoveries() < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-queued-recoveries",
					redis.getMaxQueuedRecoveries(), "Use 0 or more.");
		}
		return RedisStreamsAdapterOptions.builder()
			.streamName(redis.getStreamName())
			.streamCount(redis.getStreamCount())
			.channelPrefix(redis.getChannelPrefix())
			.maxLength(redis.getMaxLength())
			.readCount(redis.getReadCount())
			.blockTime(EngineIoOptionsFactory.positive(prefix + "block-time", redis.getBlockTime()))
			.sessionKeyPrefix(redis.getSessionKeyPrefix())
			.requestTimeout(EngineIoOptionsFactory.positive(prefix + "request-timeout", redis.getRequestTimeout()))
			.onlyPlaintext(redis.isOnlyPlaintext())
			.crashSafeRecovery(redis.isCrashSafeRecovery())
			.maxConcurrentRecoveries(redis.getMaxConcurrentRecoveries())
			.maxQueuedRecoveries(redis.getMaxQueuedRecoveries())
			.build();
	}

	/** Emits through the cluster's stream; available even where no Socket.IO server runs. */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RedisStreamsEmitter socketIoEmitter(ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
			RedisConnectionRequirement requirement, RedisStreamsAdapterOptions options,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new RedisStreamsEmitter(requirement.require(connectionFactory), options,
				JsonMappers.orDefault(jsonMapper));
	}

	/** The adapter factory of the Socket.IO server, where one runs. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSocketIOServer
	static class AdapterConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean(AdapterFactory.class)
		RedisStreamsAdapterFactory socketIoAdapterFactory(ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
				RedisConnectionRequirement requirement, RedisStreamsAdapterOptions options,
				ObjectProvider<JsonMapper> jsonMapper) {
			return new RedisStreamsAdapterFactory(requirement.require(connectionFactory), options,
					JsonMappers.orDefault(jsonMapper));
		}

	}

}
