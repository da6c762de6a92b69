package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.admin.AdminCredentials;
import io.github.springsocketio.admin.AdminSessionStore;
import io.github.springsocketio.admin.AdminUi;
import io.github.springsocketio.admin.AdminUiOptions;
import io.github.springsocketio.admin.PasswordVerifier;
import io.github.springsocketio.admin.RedisAdminSessionStore;
import io.github.springsocketio.server.SocketIOServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * The Socket.IO Admin UI namespace, when {@code socketio.admin-ui.enabled=true}. It will not start without a
 * password hash unless authentication is switched off explicitly; bcrypt hashes are checked with Spring Security's
 * crypto module, or with the application's own {@link PasswordVerifier} bean. The session ids of signed-in dashboards
 * are kept in Redis, shared by the nodes, when the adapter is a Redis one or {@code socketio.admin-ui.store=redis};
 * an {@link AdminSessionStore} bean of the application's own takes their place.
 */
@AutoConfiguration(after = { SocketIOAutoConfiguration.class, SocketIORedisAutoConfiguration.class,
		SocketIORedisPubSubAutoConfiguration.class, SocketIORedisShardedAutoConfiguration.class })
@ConditionalOnBean(SocketIOServer.class)
@ConditionalOnProperty(prefix = "socketio.admin-ui", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SocketIOAdminUiProperties.class)
public final class SocketIOAdminUiAutoConfiguration {

	private static final String BCRYPT = "org.springframework.security.crypto.bcrypt.BCrypt";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	AdminUi socketIoAdminUi(SocketIOServer socketIoServer, SocketIOAdminUiProperties properties,
			ObjectProvider<PasswordVerifier> verifier, ObjectProvider<AdminSessionStore> sessionStore,
			ApplicationContext context) {
		AdminSessionStore store = sessionStore.getIfUnique();
		if (store == null && properties.getStore() == SocketIOAdminUiProperties.Store.REDIS) {
			throw new InvalidConfigurationPropertyValueException("socketio.admin-ui.store", "redis",
					"Keeping the Admin UI sessions in Redis needs Spring Data Redis with Lettuce on the class path "
							+ "(spring-boot-starter-data-redis-reactive).");
		}
		AdminUiOptions options = AdminUiOptions.builder()
			.namespaceName(properties.getNamespaceName())
			.credentials(properties.isAuthentication() ? credentials(properties, verifier.getIfUnique(
					() -> bcrypt(context.getClassLoader()))) : null)
			.readOnly(properties.isReadOnly())
			.serverId(properties.getServerId())
			.mode(properties.getMode())
			.sessionDuration(EngineIoOptionsFactory.positive("socketio.admin-ui.session-duration",
					properties.getSessionDuration()))
			.sessionStore(store)
			.build();
		return AdminUi.instrument(socketIoServer, options);
	}

	/** The sessions in Redis, where Spring Data Redis is on the class path and the store is, or defaults to, redis. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveRedisConnectionFactory.class)
	@Conditional(OnRedisAdminSessionStoreCondition.class)
	static class RedisSessionStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(AdminSessionStore.class)
		RedisAdminSessionStore socketIoAdminSessionStore(ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
				SocketIOAdminUiProperties properties) {
			ReactiveRedisConnectionFactory redis = connectionFactory.getIfAvailable();
			if (redis == null) {
				throw new RedisNotConfiguredException(
						"The Admin UI keeps its sessions in Redis but there is no ReactiveRedisConnectionFactory bean.",
						"Configure Redis with spring.data.redis.* (Spring Data Redis with Lettuce), or set "
								+ "socketio.admin-ui.store=memory");
			}
			return new RedisAdminSessionStore(redis, properties.getStorePrefix(),
					EngineIoOptionsFactory.positive("socketio.admin-ui.session-duration",
							properties.getSessionDuration()));
		}

	}

	private static AdminCredentials credentials(SocketIOAdminUiProperties properties, PasswordVerifier verifier) {
		String password = properties.getPassword();
		if (password == null || password.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("socketio.admin-ui.password", password,
					"The Admin UI needs the bcrypt hash of its password (e.g. from htpasswd -nbBC 10 admin "
							+ "<password>), or socketio.admin-ui.authentication=false to let anyone in.");
		}
		if (!BCryptHashes.isValid(password)) {
			throw new InvalidConfigurationPropertyValueException("socketio.admin-ui.password", "<hidden>",
					"Give the bcrypt hash of the password, such as $2a$10$..., not the password itself.");
		}
		return new AdminCredentials(properties.getUsername(), password, verifier);
	}

	private static PasswordVerifier bcrypt(ClassLoader classLoader) {
		if (!ClassUtils.isPresent(BCRYPT, classLoader)) {
			throw new InvalidConfigurationPropertyValueException("socketio.admin-ui.password", "<hidden>",
					"Checking a bcrypt hash needs org.springframework.security:spring-security-crypto on the "
							+ "class path, or a PasswordVerifier bean.");
		}
		return BCryptVerifier::matches;
	}

}
