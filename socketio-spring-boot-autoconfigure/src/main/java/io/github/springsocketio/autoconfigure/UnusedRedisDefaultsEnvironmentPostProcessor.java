package io.github.springsocketio.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches off, by default, what Spring Boot does with the Redis the starter brings along for the cluster adapter,
 * when the application uses no Redis (see {@link OnRedisStreamsAdapterCondition},
 * {@link OnRedisPubSubAdapterCondition} and {@link OnRedisShardedAdapterCondition}): the Redis health indicator, which
 * would report DOWN for a Redis nobody asked for, and the Redis repositories scan, which logs "Multiple Spring Data
 * modules found, entering strict repository configuration mode" on every start. A property the application sets
 * always wins; so does configuring Redis ({@code spring.data.redis.host}, {@code url}, ...).
 */
class UnusedRedisDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE = "socketioUnusedRedisDefaults";

	private static final String[] DISABLED = { "management.health.redis.enabled",
			"spring.data.redis.repositories.enabled" };

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (OnRedisStreamsAdapterCondition.outcome(environment).isMatch()
				|| OnRedisPubSubAdapterCondition.outcome(environment).isMatch()
				|| OnRedisShardedAdapterCondition.outcome(environment).isMatch()) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (String property : DISABLED) {
			if (!environment.containsProperty(property)) {
				defaults.put(property, "false");
			}
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
		}
	}

}
