package io.github.springsocketio.security;

import io.github.springsocketio.annotation.SocketIOEvent;
import io.github.springsocketio.annotation.SocketIONamespace;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static io.github.springsocketio.security.JwtSocketAuthenticationTests.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With reactive method security ({@code @EnableReactiveMethodSecurity}), whose checks read the Reactor context when
 * the returned {@code Mono} is subscribed to, a handler that returns a {@code Mono} is secured by the socket's
 * authentication too.
 */
@SpringBootTest(classes = ReactiveMethodSecurityTests.ReactiveMethodSecurityApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactiveMethodSecurityTests {

	@LocalServerPort
	int port;

	@Test
	void aMonoHandlerRunsForASocketWithTheAuthorityAndIsForbiddenToOthers() throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("carol", "chat admin")).connect()) {
			assertThat(client.call("reactive admin")).isEqualTo("granted");
		}
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("alice", "chat")).connect()) {
			assertThat(((JSONObject) client.call("reactive admin")).getJSONObject("error").getString("code"))
				.isEqualTo("FORBIDDEN");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebFluxSecurity
	@EnableReactiveMethodSecurity
	@Import({ ReactiveHandlers.class, JwtResourceServerConfiguration.class })
	static class ReactiveMethodSecurityApplication {

		@Bean
		ReactiveJwtDecoder jwtDecoder() {
			return JwtResourceServerConfiguration.decoder();
		}

	}

	@SocketIONamespace("/")
	static class ReactiveHandlers {

		@SocketIOEvent("reactive admin")
		@PreAuthorize("hasAuthority('SCOPE_admin')")
		public Mono<String> reactiveAdmin() {
			return Mono.just("granted");
		}

	}

}
