package io.github.springsocketio.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the Admin UI's sessions go to Redis: {@code socketio.admin-ui.store=redis}, or no store set and the
 * adapter is a Redis one, whose nodes a dashboard may reconnect to in turn.
 */
class OnRedisAdminSessionStoreCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		String store = environment.getProperty("socketio.admin-ui.store");
		if (store != null && !store.isBlank()) {
			return store.trim().equalsIgnoreCase("redis") ? ConditionOutcome.match("socketio.admin-ui.store is redis")
					: ConditionOutcome.noMatch("socketio.admin-ui.store is " + store);
		}
		for (ConditionOutcome adapter : List.of(OnRedisStreamsAdapterCondition.outcome(environment),
				OnRedisPubSubAdapterCondition.outcome(environment),
				OnRedisShardedAdapterCondition.outcome(environment))) {
			if (adapter.isMatch()) {
				return ConditionOutcome.match("no socketio.admin-ui.store and a Redis adapter: " + adapter.getMessage());
			}
		}
		return ConditionOutcome.noMatch("no socketio.admin-ui.store and no Redis adapter");
	}

}
