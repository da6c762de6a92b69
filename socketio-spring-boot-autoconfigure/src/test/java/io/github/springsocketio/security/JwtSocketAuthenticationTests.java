package io.github.springsocketio.security;

import java.security.Principal;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.springsocketio.annotation.SocketIOEvent;
import io.github.springsocketio.annotation.SocketIONamespace;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOSocket;
import io.github.springsocketio.server.UserRooms;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that is a JWT resource server (its keys made here, with Nimbus) and secures everything: its sockets
 * are authenticated by the same decoder, by a bearer token in the handshake's header or in the CONNECT auth payload,
 * each namespace's rule lets them in or refuses them with a {@code connect_error}, handlers see who called, and
 * {@code toUser} reaches every socket of one user.
 */
@SpringBootTest(classes = JwtSocketAuthenticationTests.ResourceServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "socketio.security.namespaces.public.allow-anonymous=true",
				"socketio.security.namespaces.admin.authorities=SCOPE_admin" })
class JwtSocketAuthenticationTests {

	static final RSAKey KEY = generateKey();

	static final RSAKey OTHER_KEY = generateKey();

	static final String UNREACHABLE = "unreachable";

	@LocalServerPort
	int port;

	@Autowired
	SocketIOServer server;

	@Test
	void aBearerTokenInTheAuthorizationHeaderConnectsAndHandlersSeeItsPrincipal() {
		try (SecureClient client = SecureClient.withBearerHeader(this.port, "/", token("alice", "chat")).connect()) {
			assertThat(client.call("principal")).isEqualTo("alice");
			assertThat(client.call("authentication")).isEqualTo("JwtAuthenticationToken alice [SCOPE_chat]");
			assertThat(client.call("subject")).isEqualTo("alice");
			assertThat(client.call("socket principal")).isEqualTo("alice");
		}
	}

	@Test
	void aTokenInTheAuthPayloadConnects() {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("bob", "chat")).connect()) {
			assertThat(client.call("principal")).isEqualTo("bob");
		}
	}

	@Test
	void anAnonymousSocketIsRefusedANamespaceThatRequiresAuthentication() throws Exception {
		try (SecureClient client = SecureClient.anonymous(this.port, "/")) {
			JSONObject error = client.refused();

			assertThat(error.getString("message")).isEqualTo("Authentication required");
		}
	}

	@Test
	void aNamespaceThatAllowsAnonymousSocketsLetsThemInWithoutAPrincipal() {
		try (SecureClient client = SecureClient.anonymous(this.port, "/public").connect()) {
			assertThat(client.call("principal")).isEqualTo("anonymous");
		}
	}

	@Test
	void aTokenSignedByAnotherKeyIsRefused() throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", sign(OTHER_KEY, "mallory", "chat"))) {
			assertThat(client.refused().getString("message")).isEqualTo("Invalid token");
		}
	}

	@Test
	void aFailureOfTheCheckItselfRefusesWithoutSayingWhy() throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", UNREACHABLE)) {
			assertThat(client.refused().getString("message")).isEqualTo("Authentication failed");
		}
	}

	@Test
	void aTokenWithoutTheRequiredAuthorityIsRefusedAndOneWithItConnects() throws Exception {
		try (SecureClient client = SecureClient.withBearerHeader(this.port, "/admin", token("alice", "chat"))) {
			assertThat(client.refused().getString("message")).isEqualTo("Access denied: requires one of [SCOPE_admin]");
		}
		try (SecureClient client = SecureClient.withBearerHeader(this.port, "/admin", token("carol", "chat admin"))
			.connect()) {
			assertThat(client.call("principal")).isEqualTo("carol");
		}
	}

	@Test
	void toUserReachesEverySocketOfThatUserAndNoOther() throws Exception {
		try (SecureClient dave1 = SecureClient.withBearerHeader(this.port, "/", token("dave", "chat"))
			.record("note")
			.connect();
				SecureClient dave2 = SecureClient.withAuthToken(this.port, "/", token("dave", "chat"))
					.record("note")
					.connect();
				SecureClient erin = SecureClient.withAuthToken(this.port, "/", token("erin", "chat"))
					.record("note")
					.connect()) {
			this.server.toUser("dave").emit("note", "for dave");
			this.server.toUser("erin").emit("note", "for erin");

			assertThat(dave1.next("note")).isEqualTo("for dave");
			assertThat(dave2.next("note")).isEqualTo("for dave");
			// erin's own note comes after dave's would have, on the same connection
			assertThat(erin.next("note")).isEqualTo("for erin");
			assertThat(dave1.pending("note")).isEmpty();
			assertThat(dave2.pending("note")).isEmpty();
		}
	}

	@Test
	void aSocketCannotJoinAUsersRoom() {
		try (SecureClient client = SecureClient.withBearerHeader(this.port, "/", token("frank", "chat")).connect()) {
			assertThat(client.call("join", UserRooms.of("grace"))).isEqualTo(false);
			assertThat(client.call("join", "lobby")).isEqualTo(true);
		}
	}

	static String token(String subject, String scope) {
		try {
			return sign(KEY, subject, scope);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sign(RSAKey key, String subject, String scope) throws JOSEException {
		return sign(key, subject, scope, Instant.now().plusSeconds(600));
	}

	static String sign(RSAKey key, String subject, String scope, Instant expiry) throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("scope", scope)
			.issueTime(new Date())
			.expirationTime(Date.from(expiry))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static RSAKey generateKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("test").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebFluxSecurity
	@Import({ Handlers.class, JwtResourceServerConfiguration.class })
	static class ResourceServerApplication {

		@Bean
		ReactiveJwtDecoder jwtDecoder() throws JOSEException {
			ReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
			// stands for a decoder whose key set is out of reach
			return (token) -> UNREACHABLE.equals(token) ? Mono.error(new JwtException("key set out of reach"))
					: decoder.decode(token);
		}

	}

	@SocketIONamespace({ "/", "/public", "/admin" })
	static class Handlers {

		@SocketIOEvent("principal")
		String principal(Principal principal) {
			return (principal != null) ? principal.getName() : "anonymous";
		}

		@SocketIOEvent("authentication")
		String authentication(Authentication authentication) {
			return authentication.getClass().getSimpleName() + " " + authentication.getName() + " "
					+ authentication.getAuthorities()
						.stream()
						.map(GrantedAuthority::getAuthority)
						.filter((authority) -> authority.startsWith("SCOPE_"))
						.toList();
		}

		@SocketIOEvent("subject")
		String subject(@AuthenticationPrincipal Jwt jwt) {
			return jwt.getSubject();
		}

		@SocketIOEvent("socket principal")
		String socketPrincipal(SocketIOSocket socket) {
			return socket.principal().map(Principal::getName).orElse("anonymous");
		}

		@SocketIOEvent("join")
		boolean join(SocketIOSocket socket, String room) {
			return socket.join(room);
		}

	}

}
