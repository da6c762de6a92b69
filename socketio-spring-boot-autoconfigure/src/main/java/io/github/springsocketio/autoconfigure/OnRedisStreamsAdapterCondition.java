package io.github.springsocketio.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the Redis Streams adapter is wanted: {@code socketio.adapter.type=redis-streams}, or no type set and
 * Redis configured ({@code spring.data.redis.host}, {@code url}, {@code sentinel.master} or {@code cluster.nodes}).
 */
class OnRedisStreamsAdapterCondition extends SpringBootCondition {

	private static final String[] REDIS_PROPERTIES = { "spring.data.redis.host", "spring.data.redis.url",
			"spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes" };

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return outcome(context.getEnvironment());
	}

	static ConditionOutcome outcome(Environment environment) {
		SocketIOProperties.AdapterType type = SocketIOProperties.AdapterType.of(environment);
		if (type != null) {
			return (type == SocketIOProperties.AdapterType.REDIS_STREAMS)
					? ConditionOutcome.match("socketio.adapter.type is redis-streams")
					: ConditionOutcome.noMatch("socketio.adapter.type is " + type);
		}
		for (String property : REDIS_PROPERTIES) {
			if (environment.containsProperty(property)) {
				return ConditionOutcome.match("Redis is configured (" + property + ")");
			}
		}
		return ConditionOutcome.noMatch("neither socketio.adapter.type nor Redis is configured");
	}

}
