package io.github.springsocketio.admin;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How the admin namespace is set up; the options of {@code @socket.io/admin-ui}'s {@code instrument()}.
 *
 * <pre>{@code AdminUiOptions options = AdminUiOptions.builder()
 *     .credentials(new AdminCredentials("admin", bcryptHash, new BCryptPasswordEncoder()::matches))
 *     .readOnly(true)
 *     .build();}</pre>
 *
 * @param namespaceName the namespace the dashboard connects to
 * @param credentials who may sign in, or {@code null} to let every client in
 * @param readOnly whether the dashboard may only look, not emit, move sockets between rooms or disconnect them
 * @param serverId how this node is named on the dashboard
 * @param mode how much is reported
 * @param statsInterval how often this node sends its statistics
 * @param sessionDuration how long a signed-in dashboard may reconnect with its session id instead of the password
 * (for the default store; a {@link RedisAdminSessionStore} is given its own)
 * @param sessionStore where the session ids are kept, or {@code null} for the memory of this node
 */
public record AdminUiOptions(String namespaceName, @Nullable AdminCredentials credentials, boolean readOnly,
		String serverId, AdminUiMode mode, Duration statsInterval, Duration sessionDuration,
		@Nullable AdminSessionStore sessionStore) {

	public AdminUiOptions {
		Objects.requireNonNull(namespaceName, "namespaceName");
		Objects.requireNonNull(serverId, "serverId");
		Objects.requireNonNull(mode, "mode");
		if (statsInterval.isNegative() || statsInterval.isZero()) {
			throw new IllegalArgumentException("statsInterval must be positive");
		}
		if (sessionDuration.isNegative() || sessionDuration.isZero()) {
			throw new IllegalArgumentException("sessionDuration must be positive");
		}
	}

	/** @return a builder with the defaults of {@code @socket.io/admin-ui}, credentials left to set */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The default server id: the host name and the process id, {@code host#pid}. The Node.js package uses the bare
	 * host name outside cluster workers; two JVMs on one host would then share a name.
	 * @return the default server id
	 */
	public static String defaultServerId() {
		return hostname() + "#" + ProcessHandle.current().pid();
	}

	static String hostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return ManagementFactory.getRuntimeMXBean().getName();
		}
	}

	/** Builds {@link AdminUiOptions}. */
	public static final class Builder {

		private String namespaceName = "/admin";

		private @Nullable AdminCredentials credentials;

		private boolean readOnly;

		private @Nullable String serverId;

		private AdminUiMode mode = AdminUiMode.DEVELOPMENT;

		private Duration statsInterval = Duration.ofSeconds(2);

		private Duration sessionDuration = Duration.ofDays(1);

		private @Nullable AdminSessionStore sessionStore;

		private Builder() {
		}

		/** @param namespaceName the namespace, {@code /admin} by default @return this builder */
		public Builder namespaceName(String namespaceName) {
			this.namespaceName = namespaceName.startsWith("/") ? namespaceName : "/" + namespaceName;
			return this;
		}

		/** @param credentials who may sign in, {@code null} for everyone @return this builder */
		public Builder credentials(@Nullable AdminCredentials credentials) {
			this.credentials = credentials;
			return this;
		}

		/** @param readOnly whether commands are refused, {@code false} by default @return this builder */
		public Builder readOnly(boolean readOnly) {
			this.readOnly = readOnly;
			return this;
		}

		/** @param serverId the node's name, {@link #defaultServerId()} by default @return this builder */
		public Builder serverId(@Nullable String serverId) {
			this.serverId = serverId;
			return this;
		}

		/** @param mode how much is reported, {@link AdminUiMode#DEVELOPMENT} by default @return this builder */
		public Builder mode(AdminUiMode mode) {
			this.mode = mode;
			return this;
		}

		/** @param statsInterval the statistics period, 2 seconds by default @return this builder */
		public Builder statsInterval(Duration statsInterval) {
			this.statsInterval = statsInterval;
			return this;
		}

		/** @param sessionDuration how long a session id is honoured, 1 day by default @return this builder */
		public Builder sessionDuration(Duration sessionDuration) {
			this.sessionDuration = sessionDuration;
			return this;
		}

		/**
		 * @param sessionStore where session ids are kept, e.g. a {@link RedisAdminSessionStore} shared by the nodes;
		 * {@code null} (the default) for the memory of this node
		 * @return this builder
		 */
		public Builder sessionStore(@Nullable AdminSessionStore sessionStore) {
			this.sessionStore = sessionStore;
			return this;
		}

		/** @return the options */
		public AdminUiOptions build() {
			String id = (this.serverId != null && !this.serverId.isBlank()) ? this.serverId : defaultServerId();
			return new AdminUiOptions(this.namespaceName, this.credentials, this.readOnly, id, this.mode,
					this.statsInterval, this.sessionDuration, this.sessionStore);
		}

	}

}
