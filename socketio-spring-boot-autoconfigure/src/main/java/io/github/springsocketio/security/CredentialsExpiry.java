package io.github.springsocketio.security;

import java.time.Duration;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.SocketIOSocket;

import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Ends sockets whose credentials end while they are connected, with the reason
 * {@link DisconnectReason#CREDENTIALS_EXPIRED}: a bearer token at its expiry ({@code exp}), unless the client sent a
 * fresh one in time as the {@value #REAUTHENTICATE_EVENT} event; a login session once a check, every recheck
 * interval, no longer finds it (logged out, timed out).
 *
 * <pre>{@code
 * new SecuritySocketAuthenticator(credentials, rules, new CredentialsExpiry(Duration.ofMinutes(1)));
 * }</pre>
 */
public final class CredentialsExpiry {

	/**
	 * The event a client sends with {@code {token}} to replace its expiring token; reserved on sockets authenticated
	 * by a token that expires. Its acknowledgement is {@code {"ok": true, "expiresAt": "..."}} or
	 * {@code {"error": {"code", "message"}}}.
	 */
	public static final String REAUTHENTICATE_EVENT = "socketio:reauthenticate";

	/** The error code of a {@value #REAUTHENTICATE_EVENT} whose token did not verify or is another user's. */
	public static final String INVALID_TOKEN = "INVALID_TOKEN";

	/** Lets every socket keep its credentials as long as it stays connected. */
	public static final CredentialsExpiry NEVER = new CredentialsExpiry(false, Duration.ZERO);

	private static final boolean TOKENS_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken",
			CredentialsExpiry.class.getClassLoader());

	private final boolean enabled;

	private final Duration sessionRecheckInterval;

	/**
	 * Tokens expire, sessions are checked again.
	 * @param sessionRecheckInterval how often to check a login session again; {@link Duration#ZERO} not to
	 */
	public CredentialsExpiry(Duration sessionRecheckInterval) {
		this(true, sessionRecheckInterval);
	}

	private CredentialsExpiry(boolean enabled, Duration sessionRecheckInterval) {
		Assert.isTrue(!sessionRecheckInterval.isNegative(), "sessionRecheckInterval must not be negative");
		this.enabled = enabled;
		this.sessionRecheckInterval = sessionRecheckInterval;
	}

	/**
	 * Starts watching a socket's credentials, once they let it in and before it joins its namespace.
	 * @param socket the socket
	 * @param authentication its authentication
	 * @param source where it came from
	 * @param rule the rule of the socket's namespace, which a fresh token must pass too
	 * @throws io.github.springsocketio.server.ConnectionRefusedException when the token expires before the socket
	 * could use it
	 */
	void watch(SocketIOSocket socket, Authentication authentication, SocketCredentials source,
			NamespaceAccessRule rule) {
		if (!this.enabled) {
			return;
		}
		if (source instanceof SessionCredentials session) {
			if (!this.sessionRecheckInterval.isZero()) {
				SessionRecheck.start(socket, session, this.sessionRecheckInterval);
			}
		}
		else if (TOKENS_PRESENT) {
			TokenExpiry.start(socket, authentication, source, rule);
		}
	}

}
