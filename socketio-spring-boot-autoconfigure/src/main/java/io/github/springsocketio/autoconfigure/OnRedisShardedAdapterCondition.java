package io.github.springsocketio.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the sharded Redis PUB/SUB adapter is wanted: {@code socketio.adapter.type=redis-sharded}. It is never
 * chosen without being asked for.
 */
class OnRedisShardedAdapterCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return outcome(context.getEnvironment());
	}

	static ConditionOutcome outcome(Environment environment) {
		SocketIOProperties.AdapterType type = SocketIOProperties.AdapterType.of(environment);
		return (type == SocketIOProperties.AdapterType.REDIS_SHARDED)
				? ConditionOutcome.match("socketio.adapter.type is redis-sharded")
				: ConditionOutcome.noMatch("socketio.adapter.type is " + ((type != null) ? type : "not set"));
	}

}
