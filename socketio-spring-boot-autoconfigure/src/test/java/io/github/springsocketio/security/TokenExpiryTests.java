package io.github.springsocketio.security;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import io.github.springsocketio.annotation.OnDisconnect;
import io.github.springsocketio.annotation.SocketIOEvent;
import io.github.springsocketio.annotation.SocketIONamespace;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.SocketIOSocket;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static io.github.springsocketio.security.JwtSocketAuthenticationTests.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A socket authenticated by a JWT is disconnected by the server when the token expires ({@code io server disconnect}
 * for the client, {@code credentials expired} for the server), unless its client sent a fresh token of the same user
 * in time as {@code socketio:reauthenticate}; a fresh token that does not verify, or is another user's, is answered
 * with an error and changes nothing.
 */
@SpringBootTest(classes = TokenExpiryTests.ResourceServerApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenExpiryTests {

	static final Set<String> EXPIRED = ConcurrentHashMap.newKeySet();

	@LocalServerPort
	int port;

	@Test
	void aSocketIsDisconnectedWhenItsTokenExpires() {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("alice", 5)).connect()) {
			String id = (String) client.call("id");

			assertThat(client.disconnectReason()).isEqualTo("io server disconnect");
			await().atMost(SecureClient.TIMEOUT).untilAsserted(() -> assertThat(EXPIRED).contains(id));
		}
	}

	@Test
	void aFreshTokenSentInTimeKeepsTheSocketAndBecomesItsAuthentication() throws Exception {
		String shortLived = token("bob", 5);
		try (SecureClient refreshed = SecureClient.withAuthToken(this.port, "/", shortLived).connect();
				SecureClient control = SecureClient.withAuthToken(this.port, "/", shortLived).connect()) {
			String fresh = token("bob", 600);
			JSONObject answer = (JSONObject) refreshed.call("socketio:reauthenticate", new JSONObject().put("token", fresh));

			assertThat(answer.getBoolean("ok")).isTrue();
			assertThat(Instant.parse(answer.getString("expiresAt"))).isAfter(Instant.now().plusSeconds(500));
			assertThat(refreshed.call("expires")).isEqualTo(answer.getString("expiresAt"));
			// the control socket's token expires with the first one: once it is gone, the refreshed one would be too
			assertThat(control.disconnectReason()).isEqualTo("io server disconnect");
			assertThat(refreshed.call("principal")).isEqualTo("bob");
			assertThat(refreshed.isDisconnected()).isFalse();
		}
	}

	@Test
	void aFreshTokenThatDoesNotVerifyIsAnsweredWithAnErrorAndTheSocketStillExpires() throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("carol", 5)).connect()) {
			JSONObject error = ((JSONObject) client.call("socketio:reauthenticate",
					new JSONObject().put("token", "not a token"))).getJSONObject("error");

			assertThat(error.getString("code")).isEqualTo("INVALID_TOKEN");
			assertThat(error.getString("message")).isEqualTo("Invalid token");
			assertThat(client.disconnectReason()).isEqualTo("io server disconnect");
		}
	}

	@Test
	void aFreshTokenOfAnotherUserIsRefused() throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("dave", 600)).connect()) {
			JSONObject error = ((JSONObject) client.call("socketio:reauthenticate",
					new JSONObject().put("token", token("mallory", 600)))).getJSONObject("error");

			assertThat(error.getString("code")).isEqualTo("INVALID_TOKEN");
			assertThat(error.getString("message")).isEqualTo("The token is another user's");
			assertThat(client.call("principal")).isEqualTo("dave");
		}
	}

	@Test
	void aReauthenticationWithoutATokenIsABadRequest() throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("erin", 600)).connect()) {
			JSONObject error = ((JSONObject) client.call("socketio:reauthenticate", new JSONObject()))
				.getJSONObject("error");

			assertThat(error.getString("code")).isEqualTo("BAD_REQUEST");
		}
	}

	@Test
	void aTokenThatExpiresAsTheSocketConnectsIsRefused() throws Exception {
		try (SecureClient client = SecureClient.withAuthToken(this.port, "/", token("frank", 0))) {
			// the decoder accepts it (clock skew); the socket would be disconnected at once
			assertThat(client.refused().getString("message")).isEqualTo("Invalid token");
		}
	}

	/** A token of that user that expires in so many seconds (a JWT's {@code exp} counts whole seconds). */
	static String token(String subject, long seconds) {
		try {
			return JwtSocketAuthenticationTests.sign(KEY, subject, "chat", Instant.now().plusSeconds(seconds));
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
		ReactiveJwtDecoder jwtDecoder() {
			return JwtResourceServerConfiguration.decoder();
		}

	}

	@SocketIONamespace("/")
	static class Handlers {

		@SocketIOEvent("id")
		String id(SocketIOSocket socket) {
			return socket.id();
		}

		@SocketIOEvent("principal")
		String principal(Principal principal) {
			return principal.getName();
		}

		@SocketIOEvent("expires")
		String expires(JwtAuthenticationToken token) {
			return String.valueOf(token.getToken().getExpiresAt());
		}

		@OnDisconnect
		void disconnected(SocketIOSocket socket, DisconnectReason reason) {
			if (reason == DisconnectReason.CREDENTIALS_EXPIRED) {
				EXPIRED.add(socket.id());
			}
		}

	}

}
