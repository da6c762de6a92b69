package io.github.springsocketio.autoconfigure;

import java.time.Duration;

import io.github.springsocketio.admin.AdminUiMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server side of the Socket.IO Admin UI, under {@code socketio.admin-ui.*}: off unless enabled, and then signed
 * in with a user name and a bcrypt-hashed password unless authentication is switched off explicitly.
 */
@ConfigurationProperties("socketio.admin-ui")
public class SocketIOAdminUiProperties {

	/**
	 * Whether to serve the namespace the Socket.IO Admin UI dashboard connects to.
	 */
	private boolean enabled;

	/**
	 * The user name the dashboard signs in with.
	 */
	private String username = "admin";

	/**
	 * The bcrypt hash of the password the dashboard signs in with, e.g. $2a$10$...; unset, the application does not
	 * start with the Admin UI enabled unless authentication is switched off.
	 */
	private @Nullable String password;

	/**
	 * Whether the dashboard must sign in. Switching it off lets any client that reaches the namespace see every
	 * socket and, unless read-only, disconnect them.
	 */
	private boolean authentication = true;

	/**
	 * Whether the dashboard may only look: no emitting, joining, leaving or disconnecting.
	 */
	private boolean readOnly;

	/**
	 * The namespace the dashboard connects to.
	 */
	private String namespaceName = "/admin";

	/**
	 * How this node is named on the dashboard; the host name and the process id (host#pid) when unset.
	 */
	private @Nullable String serverId;

	/**
	 * How much is reported: development reports every socket, room and event; production only statistics.
	 */
	private AdminUiMode mode = AdminUiMode.DEVELOPMENT;

	/**
	 * Where the session ids of signed-in dashboards are kept: memory (each node its own) or redis (shared by the
	 * nodes, Node.js ones included, as @socket.io/admin-ui's RedisStore keeps them). Unset, redis when the adapter is
	 * a Redis one (redis-streams, redis or redis-sharded), memory otherwise.
	 */
	private @Nullable Store store;

	/**
	 * The prefix of the session keys in Redis, which are the prefix, a '#' and the session id; the Node.js package's
	 * default.
	 */
	private String storePrefix = "socket.io-admin";

	/**
	 * How long a signed-in dashboard may reconnect with its session id instead of the password; kept in whole
	 * seconds in Redis.
	 */
	private Duration sessionDuration = Duration.ofDays(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public boolean isAuthentication() {
		return this.authentication;
	}

	public void setAuthentication(boolean authentication) {
		this.authentication = authentication;
	}

	public boolean isReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(boolean readOnly) {
		this.readOnly = readOnly;
	}

	public String getNamespaceName() {
		return this.namespaceName;
	}

	public void setNamespaceName(String namespaceName) {
		this.namespaceName = namespaceName;
	}

	public @Nullable String getServerId() {
		return this.serverId;
	}

	public void setServerId(@Nullable String serverId) {
		this.serverId = serverId;
	}

	public AdminUiMode getMode() {
		return this.mode;
	}

	public void setMode(AdminUiMode mode) {
		this.mode = mode;
	}

	public @Nullable Store getStore() {
		return this.store;
	}

	public void setStore(@Nullable Store store) {
		this.store = store;
	}

	public String getStorePrefix() {
		return this.storePrefix;
	}

	public void setStorePrefix(String storePrefix) {
		this.storePrefix = storePrefix;
	}

	public Duration getSessionDuration() {
		return this.sessionDuration;
	}

	public void setSessionDuration(Duration sessionDuration) {
		this.sessionDuration = sessionDuration;
	}

	/** Where the dashboards' session ids are kept. */
	public enum Store {

		/** In the memory of each node: a dashboard that reconnects to another node signs in again. */
		MEMORY,

		/** In Redis, shared by the nodes. */
		REDIS

	}

	@Override
	public String toString() {
		return "SocketIOAdminUiProperties[enabled=" + this.enabled + ", username=" + this.username + "]";
	}

}
