package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.admin.AdminUi;
import io.github.springsocketio.admin.AdminUiMode;
import io.github.springsocketio.admin.PasswordVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Admin UI namespace exists only when enabled, and then will not start without a bcrypt password hash unless
 * authentication is switched off explicitly.
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
					"socketio.admin-ui.mode=production")
			.run((context) -> {
				AdminUi adminUi = context.getBean(AdminUi.class);
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

}
