package io.github.springsocketio.security;

import java.net.URI;
import java.util.Locale;

import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.SocketIOSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The login session named by the handshake's cookies ({@code SESSION} by default), as a form or OAuth2 login stored
 * it: read through the application's {@link WebSessionManager} and security context repository. Only for requests
 * from the server's own origin (no {@code Origin} header, or one whose host and port are the {@code Host} header's):
 * a browser sends the cookie along with a WebSocket another site opens, which must not act as the user.
 */
public final class SessionCredentials implements SocketCredentials {

	private static final Log logger = LogFactory.getLog(SessionCredentials.class);

	private final WebSessionManager sessionManager;

	private final ServerSecurityContextRepository contextRepository;

	/**
	 * @param sessionManager the application's session manager
	 * @param contextRepository where the login put the security context
	 */
	public SessionCredentials(WebSessionManager sessionManager, ServerSecurityContextRepository contextRepository) {
		this.sessionManager = sessionManager;
		this.contextRepository = contextRepository;
	}

	/**
	 * Reads the context where a login puts it by default.
	 * @param sessionManager the application's session manager
	 */
	public SessionCredentials(WebSessionManager sessionManager) {
		this(sessionManager, new WebSessionServerSecurityContextRepository());
	}

	@Override
	public Mono<Authentication> authenticate(SocketIOSocket socket) {
		Handshake handshake = socket.handshake();
		if (handshake.header("cookie") == null) {
			return Mono.empty();
		}
		if (!sameOrigin(handshake)) {
			logger.debug("Socket " + socket.id() + ": the session cookie is ignored, its request came from "
					+ handshake.header("origin"));
			return Mono.empty();
		}
		return this.contextRepository.load(HandshakeExchange.of(handshake, this.sessionManager))
			.mapNotNull(SecurityContext::getAuthentication);
	}

	static boolean sameOrigin(Handshake handshake) {
		String origin = handshake.header("origin");
		if (origin == null) {
			return true;
		}
		String host = handshake.header("host");
		try {
			URI uri = URI.create(origin.strip());
			String authority = uri.getRawAuthority();
			return host != null && authority != null
					&& authority.toLowerCase(Locale.ROOT).equals(host.strip().toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
