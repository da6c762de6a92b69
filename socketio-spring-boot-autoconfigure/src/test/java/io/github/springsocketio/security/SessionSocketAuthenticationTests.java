package io.github.springsocketio.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.annotation.SocketIOEvent;
import io.github.springsocketio.annotation.SocketIONamespace;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with a form login: a socket whose handshake carries the login's session cookie is that user's,
 * unless the handshake comes from another origin; without the cookie it is refused. Once the user logs out, a recheck
 * of the session (every second here) disconnects the socket.
 */
@SpringBootTest(classes = SessionSocketAuthenticationTests.LoginApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "socketio.security.session.recheck-interval=1s")
class SessionSocketAuthenticationTests {

	@LocalServerPort
	int port;

	@Test
	void theSessionOfAFormLoginAuthenticatesTheSocket() throws Exception {
		String cookie = logIn("alice", "secret");
		try (SecureClient client = SecureClient
			.withHeaders(this.port, "/", Map.of("Cookie", List.of(cookie), "Origin", List.of(origin())))
			.connect()) {
			assertThat(client.call("principal")).isEqualTo("alice");
			assertThat(client.call("user details")).isEqualTo("alice [ROLE_USER]");
		}
	}

	@Test
	void theSessionCookieSentAlongWithAnotherSitesHandshakeIsIgnored() throws Exception {
		String cookie = logIn("alice", "secret");
		try (SecureClient client = SecureClient.withHeaders(this.port, "/",
				Map.of("Cookie", List.of(cookie), "Origin", List.of("https://evil.example")))) {
			assertThat(client.refused().getString("message")).isEqualTo("Authentication required");
		}
	}

	@Test
	void withoutASessionTheSocketIsRefused() throws Exception {
		try (SecureClient client = SecureClient.withHeaders(this.port, "/", Map.of("Cookie", List.of("SESSION=nope")))) {
			assertThat(client.refused().getString("message")).isEqualTo("Authentication required");
		}
	}

	@Test
	void aSocketIsDisconnectedOnceItsUserLogsOut() throws Exception {
		String cookie = logIn("alice", "secret");
		try (SecureClient client = SecureClient
			.withHeaders(this.port, "/", Map.of("Cookie", List.of(cookie), "Origin", List.of(origin())))
			.connect()) {
			assertThat(client.call("principal")).isEqualTo("alice");

			logOut(cookie);

			assertThat(client.disconnectReason()).isEqualTo("io server disconnect");
		}
	}

	@Test
	void aSocketWhoseSessionLastsStaysConnectedPastARecheck() throws Exception {
		String cookie = logIn("alice", "secret");
		String other = logIn("alice", "secret");
		try (SecureClient staying = SecureClient
			.withHeaders(this.port, "/", Map.of("Cookie", List.of(cookie), "Origin", List.of(origin())))
			.connect();
				SecureClient leaving = SecureClient
					.withHeaders(this.port, "/", Map.of("Cookie", List.of(other), "Origin", List.of(origin())))
					.connect()) {
			logOut(other);

			// the other session's socket is disconnected by a recheck; this one's survived it
			assertThat(leaving.disconnectReason()).isEqualTo("io server disconnect");
			assertThat(staying.call("principal")).isEqualTo("alice");
		}
	}

	private void logOut(String cookie) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(origin() + "/logout"))
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("the logout redirects").isEqualTo(302);
	}

	private String origin() {
		return "http://localhost:" + this.port;
	}

	/** Logs in through the application's own login form and returns its session cookie. */
	private String logIn(String username, String password) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(origin() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("the login redirects").isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location)
			.doesNotContain("error"));
		String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(setCookie).startsWith("SESSION=");
		return setCookie.substring(0, setCookie.indexOf(';'));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebFluxSecurity
	@Import(Handlers.class)
	static class LoginApplication {

		@Bean
		SecurityWebFilterChain pages(ServerHttpSecurity http) {
			// no CSRF token for the test's login request; what is tested is the session it leaves
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.formLogin(Customizer.withDefaults())
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("alice").password("{noop}secret").roles("USER").build());
		}

	}

	@SocketIONamespace("/")
	static class Handlers {

		@SocketIOEvent("principal")
		String principal(Principal principal) {
			return principal.getName();
		}

		@SocketIOEvent("user details")
		String userDetails(@AuthenticationPrincipal UserDetails user) {
			return user.getUsername() + " " + user.getAuthorities();
		}

	}

}
