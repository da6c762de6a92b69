package io.github.springsocketio.security;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.annotation.EventError;
import io.github.springsocketio.server.Ack;
import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.ConnectionRefusedException;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.SocketIOSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The expiry of one socket's bearer token: a timer at the token's {@code exp} that disconnects the socket, moved on
 * when the client sends a fresh token of the same user as {@value CredentialsExpiry#REAUTHENTICATE_EVENT}. The timer
 * holds the socket weakly, so that a socket refused after authentication is not kept until its token's expiry. Its
 * state changes on the socket's event loop only.
 */
final class TokenExpiry {

	private static final Log logger = LogFactory.getLog(TokenExpiry.class);

	/** A token that lets a socket in for less than this is refused: it would be disconnected as it connects. */
	private static final Duration LEAST_LIFETIME = Duration.ofSeconds(1);

	/** How long a socket that is not connected yet when its token expires is waited for, a second at a time. */
	private static final int ADMISSION_RETRIES = 10;

	private final WeakReference<SocketIOSocket> socket;

	private final String socketId;

	private final BearerTokenCredentials credentials;

	private final NamespaceAccessRule rule;

	private volatile @Nullable Disposable timer;

	private volatile long generation;

	private TokenExpiry(SocketIOSocket socket, BearerTokenCredentials credentials, NamespaceAccessRule rule) {
		this.socket = new WeakReference<>(socket);
		this.socketId = socket.id();
		this.credentials = credentials;
		this.rule = rule;
	}

	static void start(SocketIOSocket socket, Authentication authentication, SocketCredentials source,
			NamespaceAccessRule rule) {
		Instant expiresAt = expiresAt(authentication);
		if (!(source instanceof BearerTokenCredentials credentials) || expiresAt == null) {
			return;
		}
		if (tooSoon(expiresAt)) {
			logger.debug("Socket " + socket.id() + " refused: its token expires at " + expiresAt);
			throw new ConnectionRefusedException("Invalid token");
		}
		TokenExpiry expiry = new TokenExpiry(socket, credentials, rule);
		socket.on(CredentialsExpiry.REAUTHENTICATE_EVENT, expiry::reauthenticate);
		socket.onDisconnect((reason) -> expiry.stop());
		expiry.schedule(expiresAt, 0);
	}

	private void schedule(Instant expiresAt, int retries) {
		long generation = ++this.generation;
		long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
		this.timer = Schedulers.parallel().schedule(() -> {
			SocketIOSocket socket = this.socket.get();
			if (socket != null) {
				socket.execute(() -> expire(socket, generation, expiresAt, retries));
			}
		}, delay, TimeUnit.MILLISECONDS);
	}

	private void expire(SocketIOSocket socket, long generation, Instant expiresAt, int retries) {
		if (generation != this.generation) {
			return;
		}
		if (socket.connected()) {
			logger.debug("Disconnecting socket " + socket.id() + ": its token expired at " + expiresAt);
			socket.disconnect(DisconnectReason.CREDENTIALS_EXPIRED);
		}
		else if (retries < ADMISSION_RETRIES) {
			// still being admitted (its connection middlewares run), or refused: the weak reference tells in time
			schedule(Instant.now().plusSeconds(1), retries + 1);
		}
	}

	private void stop() {
		this.generation++;
		Disposable timer = this.timer;
		if (timer != null) {
			timer.dispose();
		}
	}

	/** The client's {@value CredentialsExpiry#REAUTHENTICATE_EVENT}: on the socket's event loop. */
	private void reauthenticate(Arguments args, Ack ack) {
		SocketIOSocket socket = this.socket.get();
		JsonNode token = args.isEmpty() ? null : args.node(0).get(BearerTokenCredentials.AUTH_PROPERTY);
		if (socket == null || token == null || !token.isString() || token.asString().isBlank()) {
			error(ack, EventError.BAD_REQUEST, "Send {\"token\": \"...\"}");
			return;
		}
		String fresh = token.asString().strip();
		Mono.defer(() -> this.credentials.verify(fresh, socket))
			.subscribe((authentication) -> socket.execute(() -> renew(socket, authentication, ack)),
					(ex) -> socket.execute(() -> refuse(ex, ack)),
					() -> socket.execute(() -> error(ack, CredentialsExpiry.INVALID_TOKEN, "Invalid token")));
	}

	private void renew(SocketIOSocket socket, Authentication authentication, Ack ack) {
		String user = socket.principal().map((principal) -> principal.getName()).orElse(null);
		Instant expiresAt = expiresAt(authentication);
		String refusal = this.rule.refusal(authentication);
		if (!authentication.getName().equals(user)) {
			error(ack, CredentialsExpiry.INVALID_TOKEN, "The token is another user's");
		}
		else if (refusal != null) {
			error(ack, EventError.FORBIDDEN, refusal);
		}
		else if (expiresAt != null && tooSoon(expiresAt)) {
			error(ack, CredentialsExpiry.INVALID_TOKEN, "Invalid token");
		}
		else if (socket.connected()) {
			socket.renewPrincipal(authentication);
			stop();
			if (expiresAt != null) {
				schedule(expiresAt, 0);
			}
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("ok", true);
			if (expiresAt != null) {
				answer.put("expiresAt", expiresAt.toString());
			}
			if (ack.requested()) {
				ack.send(answer);
			}
		}
	}

	private void refuse(Throwable ex, Ack ack) {
		if (ex instanceof ConnectionRefusedException) {
			error(ack, CredentialsExpiry.INVALID_TOKEN, "Invalid token");
			return;
		}
		logger.warn("Could not check the fresh token of socket " + this.socketId + ": " + ex);
		error(ack, EventError.INTERNAL_ERROR, "Authentication failed");
	}

	private static void error(Ack ack, String code, String message) {
		if (ack.requested()) {
			ack.send(Map.of("error", Map.of("code", code, "message", message)));
		}
	}

	private static boolean tooSoon(Instant expiresAt) {
		return expiresAt.isBefore(Instant.now().plus(LEAST_LIFETIME));
	}

	static @Nullable Instant expiresAt(Authentication authentication) {
		return (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token)
				? token.getToken().getExpiresAt() : null;
	}

}
