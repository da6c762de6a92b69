package io.github.springsocketio.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

import io.github.springsocketio.server.ConnectMiddleware;
import io.github.springsocketio.server.ConnectionRefusedException;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.SocketIOSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Lets a dashboard into the admin namespace when its CONNECT payload holds a valid session id, or the user name and
 * a password matching the hash; a password sign-in gets a new session id in a {@code session} event. Anything else
 * is refused with the message {@code invalid credentials}, which the dashboard looks for.
 */
final class AdminAuthentication implements ConnectMiddleware {

	private static final Log logger = LogFactory.getLog(AdminAuthentication.class);

	static final String INVALID_CREDENTIALS = "invalid credentials";

	/** What the Node.js package and this one hand out; anything else is not looked up. */
	private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{16}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AdminCredentials credentials;

	private final AdminSessionStore sessions;

	// session ids of sockets signed in by password, until their connection handler sends them; weak, so that a
	// socket whose client left before connecting takes its entry with it
	private final Map<SocketIOSocket, String> issued = Collections.synchronizedMap(new WeakHashMap<>());

	AdminAuthentication(AdminCredentials credentials, AdminSessionStore sessions) {
		this.credentials = credentials;
		this.sessions = sessions;
	}

	@Override
	public Mono<Void> apply(SocketIOSocket socket) {
		String sessionId = socket.handshake().auth("sessionId");
		if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
			return signIn(socket);
		}
		return this.sessions.exists(sessionId)
			// a store that cannot answer (Redis down) leaves the password as the way in
			.onErrorResume((ex) -> {
				logger.warn("Could not look up the session of admin socket " + socket.id() + ": " + ex);
				return Mono.just(false);
			})
			.flatMap((known) -> known ? Mono.<Void>empty() : signIn(socket));
	}

	private Mono<Void> signIn(SocketIOSocket socket) {
		Handshake handshake = socket.handshake();
		String username = handshake.auth("username");
		String password = handshake.auth("password");
		if (username == null || password == null || !sameText(username, this.credentials.username())) {
			return refused(socket);
		}
		// bcrypt takes tens of milliseconds by design: never on an event loop
		return Mono.fromCallable(() -> this.credentials.verifier().matches(password, this.credentials.passwordHash()))
			.subscribeOn(Schedulers.boundedElastic())
			// a verifier may refuse some input outright (bcrypt: more than 72 bytes): a client's doing, so no warning
			.onErrorResume((ex) -> {
				logger.debug("Could not check the password of admin socket " + socket.id() + ": " + ex);
				return Mono.just(false);
			})
			.flatMap((matches) -> {
				if (!matches) {
					return refused(socket);
				}
				String id = newSessionId();
				return this.sessions.save(id)
					.doOnSuccess((saved) -> this.issued.put(socket, id))
					// signed in all the same; without its session id the dashboard asks for the password next time
					.onErrorResume((ex) -> {
						logger.warn("Could not save the session of admin socket " + socket.id() + ": " + ex);
						return Mono.empty();
					});
			});
	}

	/** @return a new session id, 16 hex digits as the Node.js package makes them */
	static String newSessionId() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Sends a socket signed in by password its session id; Node.js sends it just before the CONNECT reply, this
	 * server right after, which the client treats the same.
	 */
	void connected(SocketIOSocket socket) {
		String sessionId = this.issued.remove(socket);
		if (sessionId != null) {
			socket.emit("session", sessionId);
		}
	}

	private static Mono<Void> refused(SocketIOSocket socket) {
		logger.debug("Refused admin socket " + socket.id() + ": " + INVALID_CREDENTIALS);
		return Mono.error(new ConnectionRefusedException(INVALID_CREDENTIALS));
	}

	private static boolean sameText(String given, String expected) {
		return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
	}

}
