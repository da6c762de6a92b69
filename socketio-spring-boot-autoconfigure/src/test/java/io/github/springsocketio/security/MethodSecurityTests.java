package io.github.springsocketio.security;

import java.security.Principal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.annotation.SocketIOEvent;
import io.github.springsocketio.annotation.SocketIONamespace;
import io.github.springsocketio.autoconfigure.SocketIOAnnotationAutoConfiguration;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static io.github.springsocketio.security.JwtSocketAuthenticationTests.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with Spring Security's method security ({@code @EnableMethodSecurity}) puts {@code @PreAuthorize}
 * on its handlers: the socket's authentication is what the checks see, on the handler's thread and in the Reactor
 * context of a {@code Mono} it returns; a denied call is answered {@code FORBIDDEN} and is no error of the server's;
 * the thread's context is put back after each call. One handler thread, so that every call shares it.
 */
@SpringBootTest(classes = MethodSecurityTests.MethodSecurityApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "socketio.security.namespaces.public.allow-anonymous=true",
				"socketio.handler-executor.type=pool", "socketio.handler-executor.pool-size=1" })
@ExtendWith(OutputCaptureExtension.class)
class MethodSecurityTests {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier(SocketIOAnnotationAutoConfiguration.EXECUTOR_BEAN)
	Executor handlerExecutor;

	@Test
	void aHandlerThatRequiresAnAuthorityRunsForASocketWithIt() {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("carol", "chat admin")).connect()) {
			assertThat(client.call("admin")).isEqualTo("carol may");
		}
	}

	@Test
	void aDeniedCallIsAnsweredForbiddenAndNotLoggedAsAnError(CapturedOutput output) throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("alice", "chat")).connect()) {
			JSONObject error = ((JSONObject) client.call("admin")).getJSONObject("error");

			assertThat(error.getString("code")).isEqualTo("FORBIDDEN");
			assertThat(error.getString("message")).isEqualTo("Access denied");
			assertThat(client.call("whoami")).as("the socket stays connected").isEqualTo("alice");
		}
		assertThat(output).doesNotContain("failed on socket").doesNotContain("AuthorizationDeniedException");
	}

	@Test
	void aDeniedCallWithoutAcknowledgementIsDropped(CapturedOutput output) throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("alice", "chat")).connect()) {
			client.send("admin");

			assertThat(client.call("whoami")).isEqualTo("alice");
		}
		assertThat(output).doesNotContain("failed on socket").doesNotContain("AuthorizationDeniedException");
	}

	@Test
	void aMonoHandlerSeesTheAuthenticationInItsReactorContext() throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("dave", "chat admin")).connect()) {
			assertThat(client.call("reactive admin")).isEqualTo("dave, reactively");
		}
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("erin", "chat")).connect()) {
			assertThat(((JSONObject) client.call("reactive admin")).getJSONObject("error").getString("code"))
				.isEqualTo("FORBIDDEN");
		}
	}

	@Test
	void anAnonymousSocketIsAnonymousToMethodSecurity() throws Exception {
		try (SecureClient client = SecureClient.anonymous(this.port, "/public").connect()) {
			assertThat(client.call("whoami")).isEqualTo("anonymousUser");
			assertThat(((JSONObject) client.call("admin")).getJSONObject("error").getString("code"))
				.isEqualTo("FORBIDDEN");
		}
	}

	@Test
	void theHandlerThreadKeepsNoSocketsAuthenticationAfterTheCall() throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("frank", "chat")).connect()) {
			assertThat(client.call("whoami")).isEqualTo("frank");
		}
		CompletableFuture<Authentication> left = new CompletableFuture<>();
		this.handlerExecutor
			.execute(() -> left.complete(SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication()));

		assertThat(left.get(20, TimeUnit.SECONDS)).isNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebFluxSecurity
	@EnableMethodSecurity
	@Import({ SecuredHandlers.class, JwtResourceServerConfiguration.class })
	static class MethodSecurityApplication {

		@Bean
		ReactiveJwtDecoder jwtDecoder() {
			return JwtResourceServerConfiguration.decoder();
		}

	}

	@SocketIONamespace({ "/", "/public" })
	static class SecuredHandlers {

		@SocketIOEvent("admin")
		@PreAuthorize("hasAuthority('SCOPE_admin')")
		public String admin(Principal principal) {
			return principal.getName() + " may";
		}

		@SocketIOEvent("reactive admin")
		@PreAuthorize("hasAuthority('SCOPE_admin')")
		public Mono<String> reactiveAdmin() {
			return ReactiveSecurityContextHolder.getContext()
				.map((context) -> context.getAuthentication().getName() + ", reactively");
		}

		@SocketIOEvent("whoami")
		public String whoami() {
			return SecurityContextHolder.getContext().getAuthentication().getName();
		}

	}

}
