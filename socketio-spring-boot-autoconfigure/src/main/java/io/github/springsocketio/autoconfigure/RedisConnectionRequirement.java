package io.github.springsocketio.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/**
 * Hands a Redis adapter its connection factory, refusing to start when there is none, or when
 * {@code socketio.adapter.type} ({@code redis-streams}, {@code redis} or {@code redis-sharded}) was set but nothing says where Redis is: Spring Boot would otherwise
 * connect to {@code localhost:6379} and the node would silently run alone. A Redis configured by properties, by
 * connection details (Docker Compose, Testcontainers) or by the application's own connection factory bean counts.
 */
class RedisConnectionRequirement {

	private static final List<String> REDIS_PROPERTIES = List.of("spring.data.redis.host", "spring.data.redis.port",
			"spring.data.redis.url", "spring.data.redis.cluster.nodes", "spring.data.redis.sentinel.master",
			"spring.data.redis.sentinel.nodes", "spring.data.redis.masterreplica.nodes");

	private static final String BOOT_REDIS_PACKAGE = "org.springframework.boot.data.redis.autoconfigure.";

	private static final String PROPERTIES_CONNECTION_DETAILS = BOOT_REDIS_PACKAGE
			+ "PropertiesDataRedisConnectionDetails";

	private static final String CONNECTION_DETAILS = BOOT_REDIS_PACKAGE + "DataRedisConnectionDetails";

	private final Environment environment;

	private final ConfigurableListableBeanFactory beanFactory;

	RedisConnectionRequirement(Environment environment, ConfigurableListableBeanFactory beanFactory) {
		this.environment = environment;
		this.beanFactory = beanFactory;
	}

	ReactiveRedisConnectionFactory require(ObjectProvider<ReactiveRedisConnectionFactory> factory) {
		ReactiveRedisConnectionFactory redis = factory.getIfAvailable();
		if (redis == null) {
			throw new RedisNotConfiguredException(
					"The " + type() + " adapter needs a ReactiveRedisConnectionFactory bean.",
					"Configure Redis with spring.data.redis.* (Spring Data Redis with Lettuce), or set "
							+ "socketio.adapter.type=memory");
		}
		if (explicitlyChosen() && !redisConfigured()) {
			throw new RedisNotConfiguredException("socketio.adapter.type=" + type() + " is set, but no Redis is "
					+ "configured: none of spring.data.redis.host, port, url, cluster.nodes, sentinel.* is set and "
					+ "the application defines no Redis connection factory, so the node would connect to Spring "
					+ "Boot's default localhost:6379.",
					"Set spring.data.redis.url (or host and port, cluster.nodes, sentinel.*) to the cluster's Redis, "
							+ "or set socketio.adapter.type=memory to run a single node.");
		}
		return redis;
	}

	private String type() {
		return this.environment.getProperty("socketio.adapter.type", "redis-streams");
	}

	private boolean explicitlyChosen() {
		return this.environment.containsProperty("socketio.adapter.type");
	}

	private boolean redisConfigured() {
		return REDIS_PROPERTIES.stream().anyMatch(this.environment::containsProperty) || ownConnectionFactory()
				|| serviceConnection();
	}

	/** A connection factory bean not made by Boot's Redis auto-configuration is the application's own. */
	private boolean ownConnectionFactory() {
		for (String name : this.beanFactory.getBeanNamesForType(ReactiveRedisConnectionFactory.class, true, false)) {
			if (!this.beanFactory.containsBeanDefinition(name)) {
				return true;
			}
			String configuration = this.beanFactory.getBeanDefinition(name).getFactoryBeanName();
			String origin = (configuration != null && this.beanFactory.containsBeanDefinition(configuration))
					? this.beanFactory.getBeanDefinition(configuration).getBeanClassName() : null;
			if (origin == null || !origin.startsWith(BOOT_REDIS_PACKAGE)) {
				return true;
			}
		}
		return false;
	}

	/** Connection details other than the properties' own come from a service connection (Compose, containers). */
	private boolean serviceConnection() {
		for (String name : this.beanFactory.getBeanNamesForType(connectionDetailsType(), true, false)) {
			Class<?> type = this.beanFactory.getType(name, false);
			if (type == null || !PROPERTIES_CONNECTION_DETAILS.equals(type.getName())) {
				return true;
			}
		}
		return false;
	}

	private Class<?> connectionDetailsType() {
		try {
			return Class.forName(CONNECTION_DETAILS, false, this.beanFactory.getBeanClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return Void.class;
		}
	}

}
