package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may open sockets, under {@code socketio.security.*}: applies when the application uses Spring Security for
 * WebFlux. The top-level rule is every namespace's unless {@code namespaces.<name>} gives it its own.
 */
@ConfigurationProperties("socketio.security")
public class SocketIOSecurityProperties {

	/**
	 * Whether to authenticate sockets with the application's Spring Security, when it uses WebFlux security.
	 */
	private boolean enabled = true;

	/**
	 * Whether sockets without credentials may connect to namespaces without a rule of their own.
	 */
	private boolean allowAnonymous;

	/**
	 * Authorities of which an authenticated socket needs one to connect to namespaces without a rule of their own,
	 * e.g. ROLE_USER or SCOPE_chat; empty for none.
	 */
	private List<String> authorities = new ArrayList<>();

	/**
	 * Rules of single namespaces, by namespace name (the leading '/' may be left out; bracket names with other
	 * slashes, e.g. [/admin/ops]). Unset, every namespace follows the top-level rule.
	 */
	private Map<String, Rule> namespaces = new LinkedHashMap<>();

	private final Session session = new Session();

	private final Expiry expiry = new Expiry();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAllowAnonymous() {
		return this.allowAnonymous;
	}

	public void setAllowAnonymous(boolean allowAnonymous) {
		this.allowAnonymous = allowAnonymous;
	}

	public List<String> getAuthorities() {
		return this.authorities;
	}

	public void setAuthorities(List<String> authorities) {
		this.authorities = authorities;
	}

	public Map<String, Rule> getNamespaces() {
		return this.namespaces;
	}

	public void setNamespaces(Map<String, Rule> namespaces) {
		this.namespaces = namespaces;
	}

	public Session getSession() {
		return this.session;
	}

	public Expiry getExpiry() {
		return this.expiry;
	}

	/**
	 * The rule of one namespace; what it leaves unset is the top-level rule's.
	 */
	public static class Rule {

		/**
		 * Whether sockets without credentials may connect.
		 */
		private @Nullable Boolean allowAnonymous;

		/**
		 * Authorities of which an authenticated socket needs one.
		 */
		private @Nullable List<String> authorities;

		public @Nullable Boolean getAllowAnonymous() {
			return this.allowAnonymous;
		}

		public void setAllowAnonymous(@Nullable Boolean allowAnonymous) {
			this.allowAnonymous = allowAnonymous;
		}

		public @Nullable List<String> getAuthorities() {
			return this.authorities;
		}

		public void setAuthorities(@Nullable List<String> authorities) {
			this.authorities = authorities;
		}

	}

	/**
	 * The login session as a source of credentials.
	 */
	public static class Session {

		/**
		 * Whether a socket without a token is authenticated by the login session its handshake's cookies name, when
		 * the handshake comes from the server's own origin.
		 */
		private boolean enabled = true;

		/**
		 * How often the login session of a socket it authenticated is checked again, the socket being disconnected
		 * once the session is gone (logged out, timed out); 0 not to check. Each check reads the session as a
		 * request would, so an open socket keeps its session from timing out.
		 */
		private Duration recheckInterval = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getRecheckInterval() {
			return this.recheckInterval;
		}

		public void setRecheckInterval(Duration recheckInterval) {
			this.recheckInterval = recheckInterval;
		}

	}

	/**
	 * What happens to a socket once its credentials end.
	 */
	public static class Expiry {

		/**
		 * Whether a socket is disconnected once its credentials end: a bearer token at its expiry, unless the client
		 * sent a fresh one as the 'socketio:reauthenticate' event, and a login session once a recheck finds it gone.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
