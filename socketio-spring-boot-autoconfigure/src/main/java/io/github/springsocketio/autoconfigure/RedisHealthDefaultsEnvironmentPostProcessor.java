package io.github.springsocketio.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The starter brings Spring Data Redis for the cluster adapter. An application that uses no Redis would then get
 * Boot's Redis health indicator reporting DOWN for a Redis nobody asked for; so, unless Redis is in use (see
 * {@link OnRedisStreamsAdapterCondition}), that indicator defaults to off. An explicit
 * {@code management.health.redis.enabled} always wins.
 */
class RedisHealthDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE = "socketioRedisHealthDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (OnRedisStreamsAdapterCondition.outcome(environment).isMatch()
				|| environment.containsProperty("management.health.redis.enabled")) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(SOURCE, Map.of("management.health.redis.enabled", "false")));
	}

}
