package io.github.springsocketio.autoconfigure;

import java.time.Duration;

import io.github.springsocketio.admin.AdminSessionStore;
import io.github.springsocketio.admin.AdminUi;
import io.github.springsocketio.admin.AdminUiMode;
import io.github.springsocketio.admin.PasswordVerifier;
import io.github.springsocketio.admin.RedisAdminSessionStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Admin UI namespace exists only when enabled, and then will not start without a bcrypt password hash unless
 * authentication is switched off explicitly. Its sessions go to Redis, shared by the nodes, when the adapter is a
 * Redis one or the store says so, and stay in each node's memory otherwise.
 */
class SocketIOAdminUiAutoConfigurationTests {

	private static final String HASH = "$2a$04$5NLbCm/fGjEpfNTjBnuXGuvGhjX5TLO6xCi5xVqVo5NEI3xE6.k7C";

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIOAutoConfiguration.class,
				SocketIOAdminUiAutoConfiguration.class));

	@Test
	void itIsOffByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AdminUi.class));
	}

	@Test
	void enabledWithAHashItServesTheNamespaceWithTheNodeDefaults() {
		this.runner.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH)
			.run((context) -> {
				AdminUi adminUi = context.getBean(AdminUi.class);
				assertThat(adminUi.namespace().name()).isEqualTo("/admin");
				assertThat(adminUi.options().mode()).isEqualTo(AdminUiMode.DEVELOPMENT);
				assertThat(adminUi.options().credentials().username()).isEqualTo("admin");
				assertThat(adminUi.options().serverId()).endsWith("#" + ProcessHandle.current().pid());
			});
	}

	@Test
	void everyPropertyIsBound() {
		this.runner
			.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH,
					"socketio.admin-ui.username=ops", "socketio.admin-ui.namespace-name=/ops",
					"socketio.admin-ui.read-only=true", "socketio.admin-ui.server-id=eu-1",
					"socketio.admin-ui.mode=production", "socketio.admin-ui.session-duration=2h")
			.run((context) -> {
				AdminUi adminUi = context.getBean(AdminUi.class);
				assertThat(adminUi.options().sessionDuration()).isEqualTo(Duration.ofHours(2));
				assertThat(adminUi.namespace().name()).isEqualTo("/ops");
				assertThat(adminUi.options().credentials().username()).isEqualTo("ops");
				assertThat(adminUi.options().serverId()).isEqualTo("eu-1");
				assertThat(adminUi.features()).containsExactly("AGGREGATED_EVENTS");
			});
	}

	@Test
	void enabledWithoutAPasswordItRefusesToStartNamingTheProperty() {
		this.runner.withPropertyValues("socketio.admin-ui.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socketio.admin-ui.password")
				.hasMessageContaining("socketio.admin-ui.authentication=false"));
	}

	@Test
	void aPasswordThatIsNotABcryptHashIsRefusedWithoutBeingShown() {
		this.runner.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=changeit")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socketio.admin-ui.password")
				.hasMessageContaining("bcrypt hash")
				.hasMessageNotContaining("changeit"));
	}

	@Test
	void authenticationSwitchedOffExplicitlyNeedsNoPassword() {
		this.runner.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.authentication=false")
			.run((context) -> assertThat(context.getBean(AdminUi.class).options().credentials()).isNull());
	}

	@Test
	void withoutSpringSecurityCryptoItAsksForTheModuleOrAVerifier() {
		this.runner.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH)
			.withClassLoader(new FilteredClassLoader("org.springframework.security.crypto"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("spring-security-crypto"));
	}

	@Test
	void aPasswordVerifierBeanReplacesBcrypt() {
		PasswordVerifier verifier = (password, hash) -> false;
		this.runner.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH)
			.withClassLoader(new FilteredClassLoader("org.springframework.security.crypto"))
			.withBean(PasswordVerifier.class, () -> verifier)
			.run((context) -> assertThat(context.getBean(AdminUi.class).options().credentials().verifier())
				.isSameAs(verifier));
	}

	@Test
	void withoutARedisAdapterTheSessionsStayInTheMemoryOfEachNode() {
		this.runner.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH)
			.withBean(ReactiveRedisConnectionFactory.class, RedisAdminSessionStoreFactory::unconnected)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AdminSessionStore.class);
				assertThat(context.getBean(AdminUi.class).options().sessionStore()).isNull();
			});
	}

	@Test
	void withARedisAdapterTheSessionsGoToRedis() {
		this.runner
			.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH,
					"spring.data.redis.host=localhost", "socketio.admin-ui.store-prefix=ops-admin")
			.withBean(ReactiveRedisConnectionFactory.class, RedisAdminSessionStoreFactory::unconnected)
			.run((context) -> {
				RedisAdminSessionStore store = context.getBean(RedisAdminSessionStore.class);
				assertThat(context.getBean(AdminUi.class).options().sessionStore()).isSameAs(store);
			});
	}

	@Test
	void theStorePropertyOverridesTheAdapter() {
		this.runner
			.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH,
					"spring.data.redis.host=localhost", "socketio.admin-ui.store=memory")
			.withBean(ReactiveRedisConnectionFactory.class, RedisAdminSessionStoreFactory::unconnected)
			.run((context) -> assertThat(context).doesNotHaveBean(AdminSessionStore.class));
		this.runner
			.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH,
					"socketio.admin-ui.store=redis")
			.withBean(ReactiveRedisConnectionFactory.class, RedisAdminSessionStoreFactory::unconnected)
			.run((context) -> assertThat(context).hasSingleBean(RedisAdminSessionStore.class));
	}

	@Test
	void anApplicationsOwnStoreIsUsed() {
		AdminSessionStore own = new AdminSessionStore() {
			@Override
			public Mono<Void> save(String sessionId) {
				return Mono.empty();
			}

			@Override
			public Mono<Boolean> exists(String sessionId) {
				return Mono.just(false);
			}
		};
		this.runner
			.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH,
					"socketio.admin-ui.store=redis")
			.withBean(ReactiveRedisConnectionFactory.class, RedisAdminSessionStoreFactory::unconnected)
			.withBean(AdminSessionStore.class, () -> own)
			.run((context) -> assertThat(context.getBean(AdminUi.class).options().sessionStore()).isSameAs(own));
	}

	@Test
	void aRedisStoreWithoutSpringDataRedisRefusesToStartNamingTheProperty() {
		this.runner
			.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH,
					"socketio.admin-ui.store=redis")
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socketio.admin-ui.store")
				.hasMessageContaining("Spring Data Redis"));
	}

	@Test
	void aRedisStoreWithoutAConnectionFactoryRefusesToStart() {
		this.runner
			.withPropertyValues("socketio.admin-ui.enabled=true", "socketio.admin-ui.password=" + HASH,
					"socketio.admin-ui.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(RedisNotConfiguredException.class)
				.hasMessageContaining("socketio.admin-ui.store=memory"));
	}

	/** A connection factory that is never started: the store connects on its first command, which these never send. */
	private static final class RedisAdminSessionStoreFactory {

		static ReactiveRedisConnectionFactory unconnected() {
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration("localhost", 1));
		}

	}

}
