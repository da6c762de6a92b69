package io.github.springsocketio.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes a server visible to the Socket.IO Admin UI, as {@code instrument(io, options)} of
 * {@code @socket.io/admin-ui} 0.5 does: the admin namespace with its sign-in, the {@code config} and
 * {@code server_stats} messages, in development mode every socket and its events, and unless read-only the commands.
 * Every node of a cluster is instrumented alike; each sends its own statistics and all reach every dashboard.
 *
 * <pre>{@code AdminUi adminUi = AdminUi.instrument(server, AdminUiOptions.builder()
 *     .credentials(new AdminCredentials("admin", bcryptHash, new BCryptPasswordEncoder()::matches))
 *     .build());}</pre>
 */
public final class AdminUi implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(AdminUi.class);

	private final SocketIOServer server;

	private final AdminUiOptions options;

	private final Namespace namespace;

	private final List<String> features;

	private final @Nullable AdminAuthentication authentication;

	private final AdminCommands commands;

	private final @Nullable SocketActivity activity;

	private final ServerStats stats;

	private final Disposable statsTimer;

	private AdminUi(SocketIOServer server, AdminUiOptions options) {
		this.server = server;
		this.options = options;
		this.namespace = server.of(options.namespaceName());
		AdminCredentials credentials = options.credentials();
		this.authentication = (credentials != null)
				? new AdminAuthentication(credentials, sessionStore(options)) : null;
		this.commands = new AdminCommands(server);
		this.features = features(options);
		AggregatedEvents events = new AggregatedEvents();
		server.engine().observe(events);
		server.observe(events);
		this.activity = (options.mode() == AdminUiMode.DEVELOPMENT) ? new SocketActivity(this.namespace) : null;
		if (this.activity != null) {
			server.observe(this.activity);
		}
		if (this.authentication != null) {
			this.namespace.use(this.authentication);
		}
		this.namespace.onConnection(this::connected);
		this.stats = new ServerStats(server, events, options.serverId());
		this.statsTimer = Flux.interval(Duration.ZERO, options.statsInterval())
			.onBackpressureDrop()
			.subscribe((tick) -> sendStats());
	}

	/**
	 * Instruments a server. Call it once per server, before clients connect; the work starts at once.
	 * @param server the server
	 * @param options the options
	 * @return the instrumentation, to {@link #close()} when the server closes
	 */
	public static AdminUi instrument(SocketIOServer server, AdminUiOptions options) {
		AdminUi adminUi = new AdminUi(server, options);
		logger.info("Admin UI namespace " + options.namespaceName() + " as server " + options.serverId() + " ("
				+ options.mode().name().toLowerCase(Locale.ROOT) + " mode"
				+ (options.readOnly() ? ", read-only" : "")
				+ ((options.credentials() == null) ? ", no authentication" : "") + ")");
		return adminUi;
	}

	/** @return the admin namespace */
	public Namespace namespace() {
		return this.namespace;
	}

	/** @return the features advertised to dashboards in the {@code config} message */
	public List<String> features() {
		return this.features;
	}

	/** @return the options */
	public AdminUiOptions options() {
		return this.options;
	}

	/** Stops sending statistics. The namespace stays, as namespaces cannot be removed from a server. */
	@Override
	public void close() {
		this.statsTimer.dispose();
	}

	private static AdminSessionStore sessionStore(AdminUiOptions options) {
		AdminSessionStore store = options.sessionStore();
		return (store != null) ? store : new AdminSessions(options.sessionDuration());
	}

	private static List<String> features(AdminUiOptions options) {
		List<String> features = new ArrayList<>(options.readOnly() ? List.of() : AdminCommands.FEATURES);
		features.add("AGGREGATED_EVENTS");
		if (options.mode() == AdminUiMode.DEVELOPMENT) {
			features.add("ALL_EVENTS");
		}
		return List.copyOf(features);
	}

	private void connected(SocketIOSocket socket) {
		if (this.authentication != null) {
			this.authentication.connected(socket);
		}
		if (!this.options.readOnly()) {
			this.commands.register(socket);
		}
		socket.emit("config", Map.of("supportedFeatures", this.features));
		if (this.activity != null) {
			allSockets().subscribe((sockets) -> socket.emit("all_sockets", sockets),
					(ex) -> logger.warn("Could not list the sockets for admin socket " + socket.id() + ": " + ex));
		}
	}

	/** @return every socket of every namespace of this node, fetched cluster-wide */
	private Mono<List<Map<String, Object>>> allSockets() {
		return Flux.fromIterable(this.server.namespaces())
			.flatMap((namespace) -> namespace.fetchSockets()
				.flatMapIterable((sockets) -> sockets.stream()
					.map((remote) -> SocketSnapshots.of(remote, namespace.name()))
					.toList()))
			.collectList();
	}

	private void sendStats() {
		try {
			if (this.activity != null) {
				this.activity.reportUpgrades();
			}
			this.namespace.emit("server_stats", this.stats.next());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send the admin statistics: " + ex);
		}
	}

}
