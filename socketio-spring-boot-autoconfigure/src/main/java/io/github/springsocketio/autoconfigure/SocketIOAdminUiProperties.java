package io.github.springsocketio.autoconfigure;

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

	@Override
	public String toString() {
		return "SocketIOAdminUiProperties[enabled=" + this.enabled + ", username=" + this.username + "]";
	}

}
