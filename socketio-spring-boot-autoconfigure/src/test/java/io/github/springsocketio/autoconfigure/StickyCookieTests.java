package io.github.springsocketio.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.HandshakeResponseCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code socketio.sticky.*}: the node cookie a cookie-routing load balancer keeps sessions on one node with. Off by
 * default; its value defaults to the node id; impossible combinations fail at start-up.
 */
class StickyCookieTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class));

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(EngineIoOptions.class).handshakeCustomizers()).isEmpty());
	}

	@Test
	void theDefaultCookieIsSionodeWithTheNodeIdAsValue() {
		this.runner.withPropertyValues("socketio.sticky.enabled=true", "socketio.node-id=node-a")
			.run((context) -> assertThat(setCookie(context.getBean(EngineIoOptions.class)))
				.isEqualTo("SIONODE=node-a; Path=/; HttpOnly; SameSite=Lax"));
	}

	@Test
	void everyAttributeCanBeSet() {
		this.runner
			.withPropertyValues("socketio.sticky.enabled=true", "socketio.sticky.cookie-name=SERVERID",
					"socketio.sticky.value=sticky.app01", "socketio.sticky.path=/socket.io/",
					"socketio.sticky.domain=example.com", "socketio.sticky.http-only=false",
					"socketio.sticky.same-site=none", "socketio.sticky.secure=true", "socketio.sticky.max-age=10m")
			.run((context) -> assertThat(setCookie(context.getBean(EngineIoOptions.class))).isEqualTo(
					"SERVERID=sticky.app01; Max-Age=600; Domain=example.com; Path=/socket.io/; Secure; SameSite=None"));
	}

	@Test
	void sameSiteNoneWithoutSecureFailsAtStartUp() {
		this.runner.withPropertyValues("socketio.sticky.enabled=true", "socketio.sticky.same-site=none")
			.run((context) -> assertThat(messages(context.getStartupFailure())).contains("socketio.sticky.same-site")
				.contains("socketio.sticky.secure=true"));
	}

	@Test
	void aValueThatIsNoCookieTokenFailsAtStartUp() {
		this.runner.withPropertyValues("socketio.sticky.enabled=true", "socketio.sticky.value=node a;")
			.run((context) -> assertThat(messages(context.getStartupFailure())).contains("socketio.sticky.value"));
	}

	@Test
	void corsCredentialsWithTheWildcardOriginFailAtStartUp() {
		this.runner
			.withPropertyValues("socketio.sticky.enabled=true", "socketio.cors.allowed-origins=*",
					"socketio.cors.allow-credentials=true")
			.run((context) -> assertThat(messages(context.getStartupFailure())).contains("socketio.cors.allowed-origins"));
	}

	private static String setCookie(EngineIoOptions options) {
		assertThat(options.handshakeCustomizers()).hasSize(1);
		HandshakeResponseCustomizer customizer = options.handshakeCustomizers().get(0);
		return ((StickyCookie) customizer).setCookieHeader();
	}

	private static String messages(Throwable failure) {
		assertThat(failure).isNotNull();
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return String.join("\n", messages);
	}

}
