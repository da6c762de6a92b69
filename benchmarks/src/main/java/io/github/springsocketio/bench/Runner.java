package io.github.springsocketio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.springsocketio.bench.load.Net;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every scenario against each server in turn, {@code --runs} times, then prints the medians side by side with
 * their ratio (ours / Node) and writes everything measured to a JSON file.
 *
 * <pre>
 * java -jar benchmarks.jar run --jar sample-app.jar --node-dir benchmarks/node [--smoke] [--runs 3]
 *     [--servers java,node] [--scenarios connect,echo,upgrade,rooms,fanout,polling,fanout-rate,chat,connect-cold,
 *     echo-large,echo-deflate,polling-large,polling-gzip,cluster,cluster-fixed,cluster-rooms] [--server-cpus 0]
 *     [--warmup-connections 500]
 *     [--server-java /path/to/java] [--server-jvm-flags "-Xmx1g ..."] [--node-server-args "--broadcast-batch 0"]
 *     [--redis 127.0.0.1:6379] [--out dir]
 *     [--cluster-nodes 3] [--cluster-adapter redis-streams|redis|redis-sharded]
 *     [--cluster-subscription-mode static|dynamic|dynamic-private] [--cluster-rate 200] [--cluster-rate-warmup 60s]
 *     [--cluster-rate-duration 10s]
 *     [--cluster-room-modes static,dynamic]
 *     [--soak-cycles 100000] [--soak-in-flight 32] [--idle-clients 10000] [--idle-duration 30m]
 *     [--fanout-rate 50] [--fanout-rate-clients 1000] [--chat-clients 1000] [--chat-rate 2]
 *     [--rate-warmup 60] [--rate-measure 10]
 *     [--cold-connects 10000] [--cold-burst 20000] [--held-clients 19900] [--held-duration 5m]
 * </pre>
 *
 * <p>The cluster scenarios ({@code cluster}, {@code cluster-fixed}, {@code cluster-rooms}) are run by
 * {@link ClusterRuns}. Three more scenarios run only when named in {@code --scenarios}, each on a fresh server:
 * {@code soak} and {@code idle-long} ({@link LongRuns}), and {@code held} ({@link HeldConnections}).
 */
final class Runner {

	private static final List<String> ALL_SCENARIOS = List.of("connect", "echo", "upgrade", "rooms", "fanout",
			"polling", "fanout-rate", "chat", "connect-cold", "echo-large", "echo-deflate", "polling-large",
			"polling-gzip", "cluster", "cluster-fixed", "cluster-rooms");

	/** Run on a server of their own that agrees to permessage-deflate (off by default on both servers). */
	private static final List<String> DEFLATE_SCENARIOS = List.of("echo-large", "echo-deflate");

	/** The soak server's recovery window; the soak waits {@link #SOAK_SETTLE} for its sessions to expire. */
	private static final String SOAK_RECOVERY_WINDOW = "10s";

	/**
	 * Waited before each measure, then at most as long again for the counts: a polling session whose client vanished
	 * goes at most 75 s after its last request (the 45 s ping or connect timeout, then up to 30 s for its close
	 * packet to be collected).
	 */
	private static final Duration SOAK_SETTLE = Duration.ofSeconds(50);

	/** How long a server may take to start: a loaded machine's one pinned core starts the JVM in over a minute. */
	private static final Duration SERVER_START = Duration.ofMinutes(3);

	/** Long runs are started on a machine that may be busy with other work: give the server time to start. */
	private static final Duration LONG_RUN_START = Duration.ofMinutes(3);

	private final Plan plan;

	private final int runs;

	private final List<String> servers;

	private final Set<String> scenarios;

	private final Server.Settings settings;

	private final String redisHost;

	private final int redisPort;

	private final Path outDir;

	private final Results results = new Results();

	private final Map<String, String> options;

	private final ClusterRuns.Options clusterOptions;

	private Runner(Plan plan, int runs, List<String> servers, Set<String> scenarios, Server.Settings settings,
			String redis, Path outDir, Map<String, String> options) {
		this.plan = plan;
		this.options = options;
		this.runs = runs;
		this.servers = servers;
		this.scenarios = scenarios;
		this.settings = settings;
		String[] hostPort = redis.split(":");
		this.redisHost = hostPort[0];
		this.redisPort = (hostPort.length > 1) ? Integer.parseInt(hostPort[1]) : 6379;
		this.outDir = outDir;
		this.clusterOptions = ClusterRuns.Options.from(options, plan.name().equals("smoke"));
	}

	static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + arg);
			}
			if (arg.equals("--smoke")) {
				options.put("smoke", "true");
			}
			else if (i + 1 < args.length) {
				options.put(arg.substring(2), args[++i]);
			}
			else {
				throw new IllegalArgumentException(arg + " needs a value");
			}
		}
		boolean smoke = options.containsKey("smoke");
		Plan plan = smoke ? Plan.smoke() : Plan.full();
		if (options.containsKey("warmup-connections")) {
			plan = plan.withWarmupConnections(Integer.parseInt(options.get("warmup-connections")));
		}
		int runs = Integer.parseInt(options.getOrDefault("runs", smoke ? "1" : "3"));
		List<String> servers = List.of(options.getOrDefault("servers", "java,node").split(","));
		Set<String> scenarios = new LinkedHashSet<>(
				List.of(options.getOrDefault("scenarios", String.join(",", ALL_SCENARIOS)).split(",")));
		Path outDir = Path.of(options.getOrDefault("out", "benchmarks/results"));
		Path logDir = outDir.resolve("logs");
		Files.createDirectories(logDir);
		String javaHome = System.getProperty("java.home");
		Path javaBin = Path.of(options.getOrDefault("server-java", Path.of(javaHome, "bin", "java").toString()));
		String flags = options.getOrDefault("server-jvm-flags", "").trim();
		List<String> jvmFlags = new ArrayList<>(flags.isEmpty() ? List.of() : List.of(flags.split("\\s+")));
		// no event-loop flag: the server runs with what a user gets, the starter's loops sized to the CPUs it is pinned to
		String serverCpus = options.getOrDefault("server-cpus", "0");
		String nodeFlags = options.getOrDefault("node-server-args", "").trim();
		List<String> nodeArgs = nodeFlags.isEmpty() ? List.of() : List.of(nodeFlags.split("\\s+"));
		Server.Settings settings = new Server.Settings(javaBin, jvmFlags,
				Path.of(options.getOrDefault("jar", "sample-app/target/sample-app-0.1.0-SNAPSHOT.jar")),
				options.getOrDefault("node", "node"), Path.of(options.getOrDefault("node-dir", "benchmarks/node")),
				nodeArgs, serverCpus, logDir);
		new Runner(plan, runs, servers, scenarios, settings, options.getOrDefault("redis", "127.0.0.1:6379"), outDir,
				options)
			.run();
	}

	private void run() throws Exception {
		Map<String, Object> report = new LinkedHashMap<>();
		String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		report.put("started", LocalDateTime.now().toString());
		report.put("plan", planMap());
		report.put("machine", Machine.describe(this.settings));
		report.put("load_average_start", ProcStats.loadAverage());
		log("load average at start: " + Arrays.toString(ProcStats.loadAverage()));
		boolean javaClusterAvailable = true;
		try (Net net = new Net()) {
			Scenarios scenarios = new Scenarios(net);
			report.put("loadgen", Map.of("transport", net.transport(), "event_loops", 1, "cpus",
					Runtime.getRuntime().availableProcessors()));
			for (int run = 1; run <= this.runs; run++) {
				for (String kind : this.servers) {
					singleNode(scenarios, run, kind);
				}
			}
			ClusterRuns clusterRuns = new ClusterRuns(scenarios, this.settings, this.redisHost, this.redisPort,
					this.clusterOptions, SERVER_START);
			for (int run = 1; run <= this.runs; run++) {
				for (String kind : this.servers) {
					ClusterRuns.Sink sink = clusterSink(run, kind);
					if (kind.equals("java") && !javaClusterAvailable) {
						ClusterRuns.SCENARIOS.stream()
							.filter(this.scenarios::contains)
							.forEach((scenario) -> sink.record(scenario, Map.of("available", false, "reason",
									"the cluster probe failed in an earlier run")));
						continue;
					}
					if (!clusterRuns.run(this.scenarios, run, kind, this.plan, sink) && kind.equals("java")) {
						javaClusterAvailable = false;
					}
				}
			}
		}
		report.put("load_average_end", ProcStats.loadAverage());
		report.put("runs", this.results.entries());
		Map<String, Object> summary = Summary.of(this.results.entries(), this.servers);
		report.put("summary", summary);
		String table = Summary.table(summary);
		System.out.println();
		System.out.println(table);
		log("load average at end: " + Arrays.toString(ProcStats.loadAverage()));
		Path file = this.outDir.resolve(stamp + "-" + this.plan.name() + ".json");
		Files.writeString(file, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(report));
		log("results written to " + file);
	}

	private void singleNode(Scenarios scenarios, int run, String kind) throws Exception {
		Set<String> wanted = new LinkedHashSet<>(this.scenarios);
		wanted.removeAll(ClusterRuns.SCENARIOS);
		if (wanted.remove("held")) {
			held(scenarios, run, kind);
		}
		if (wanted.remove("connect-cold")) {
			connectCold(scenarios, run, kind);
		}
		if (wanted.remove("soak")) {
			soak(scenarios, run, kind);
		}
		if (wanted.remove("idle-long")) {
			idleLong(scenarios, run, kind);
		}
		List<String> deflate = wanted.stream().filter(DEFLATE_SCENARIOS::contains).toList();
		if (wanted.removeAll(deflate)) {
			deflateEcho(scenarios, run, kind, deflate);
		}
		if (wanted.isEmpty()) {
			return;
		}
		log("run " + run + ", " + kind + ": starting the server (load average "
				+ Arrays.toString(ProcStats.loadAverage()) + ")");
		try (Server server = start(kind, kind + "-run" + run, List.of())) {
			server.awaitReady(SERVER_START);
			warmUp(scenarios, server);
			Plan p = this.plan;
			if (wanted.contains("connect")) {
				this.results.measure(run, kind, "connect_small",
						() -> scenarios.connect(server, p.smallConnect(), p.connectInFlight(), false, Duration.ofSeconds(120)));
				this.results.measure(run, kind, "connect_large",
						() -> scenarios.connect(server, p.largeConnect(), p.connectInFlight(), true, Duration.ofSeconds(300)));
			}
			if (wanted.contains("echo")) {
				this.results.measure(run, kind, "echo", () -> scenarios.echo(server, p.echoClients(), p.payloadBytes(),
						p.echoWarmup(), p.echoMeasure()));
			}
			if (wanted.contains("upgrade")) {
				this.results.measure(run, kind, "upgrade", () -> scenarios.upgrade(server, p.echoClients(), p.payloadBytes(),
						p.echoWarmup(), p.echoMeasure()));
			}
			if (wanted.contains("rooms")) {
				this.results.measure(run, kind, "rooms",
						() -> scenarios.rooms(server, p.echoClients(), p.echoWarmup(), p.echoMeasure()));
			}
			if (wanted.contains("fanout")) {
				this.results.measure(run, kind, "fanout", () -> scenarios.fanOut(server, server, p.fanOutClients(),
						p.fanOutMessages(), p.payloadBytes(), p.roundTimeout()));
			}
			if (wanted.contains("polling")) {
				this.results.measure(run, kind, "polling", () -> scenarios.polling(server, p.pollingClients(), p.payloadBytes(),
						p.pollingWarmup(), p.pollingMeasure()));
			}
			RateScenarios rate = new RateScenarios(scenarios);
			RateScenarios.Sizes sizes = RateScenarios.Sizes.of(p.name(), this.options);
			if (wanted.contains("fanout-rate")) {
				this.results.measure(run, kind, "fanout-rate", () -> rate.fanOut(server, server, sizes));
			}
			if (wanted.contains("chat")) {
				this.results.measure(run, kind, "chat", () -> rate.chat(server, sizes));
			}
			CompressionScenarios compression = new CompressionScenarios(scenarios);
			for (String scenario : List.of("polling-large", "polling-gzip")) {
				if (wanted.contains(scenario)) {
					this.results.measure(run, kind, scenario, () -> compression.polling(server, scenario.equals("polling-gzip"),
							p.pollingClients(), p.pollingWarmup(), p.pollingMeasure()));
				}
			}
		}
		catch (Exception ex) {
			log("run " + run + ", " + kind + " failed: " + ex);
			this.results.record(run, kind, "server", Map.of("error", String.valueOf(ex)));
		}
	}

	/**
	 * The echo with and without permessage-deflate, on a server started for them with it enabled, so that the two
	 * differ only in what the client offers.
	 */
	private void deflateEcho(Scenarios scenarios, int run, String kind, List<String> wanted) {
		List<String> args = kind.equals("java") ? List.of("--socketio.per-message-deflate.enabled=true")
				: List.of("--per-message-deflate", "true");
		try (Server server = start(kind, kind + "-deflate-run" + run, args)) {
			server.awaitReady(SERVER_START);
			warmUp(scenarios, server);
			CompressionScenarios compression = new CompressionScenarios(scenarios);
			Plan p = this.plan;
			for (String scenario : wanted) {
				this.results.measure(run, kind, scenario, () -> compression.echo(server, scenario.equals("echo-deflate"),
						p.echoClients(), p.echoWarmup(), p.echoMeasure()));
			}
		}
		catch (Exception ex) {
			log("run " + run + ", " + kind + " with permessage-deflate failed: " + ex);
			this.results.record(run, kind, "server", Map.of("error", String.valueOf(ex)));
		}
	}

	private void soak(Scenarios scenarios, int run, String kind) {
		boolean smoke = this.plan.name().equals("smoke");
		int cycles = Integer.parseInt(this.options.getOrDefault("soak-cycles", smoke ? "600" : "100000"));
		int inFlight = Integer.parseInt(this.options.getOrDefault("soak-in-flight", "32"));
		// a short recovery window, so that the sessions it keeps are gone before the heap is compared
		List<String> args = kind.equals("java")
				? List.of("--socketio.connection-state-recovery.max-disconnection-duration=" + SOAK_RECOVERY_WINDOW)
				: List.of();
		onFreshServer(run, kind, "soak", args,
				(server) -> new LongRuns(scenarios).soak(server, cycles, inFlight, SOAK_SETTLE));
	}

	private void idleLong(Scenarios scenarios, int run, String kind) {
		boolean smoke = this.plan.name().equals("smoke");
		int clients = Integer.parseInt(this.options.getOrDefault("idle-clients", smoke ? "50" : "10000"));
		Duration duration = duration(this.options.getOrDefault("idle-duration", smoke ? "10s" : "30m"));
		Duration sampleEvery = duration.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(1)
				: Duration.ofSeconds(5);
		onFreshServer(run, kind, "idle-long", List.of(),
				(server) -> new LongRuns(scenarios).idle(server, clients, duration, sampleEvery));
	}

	private void held(Scenarios scenarios, int run, String kind) {
		boolean smoke = this.plan.name().equals("smoke");
		int clients = Integer.parseInt(this.options.getOrDefault("held-clients", smoke ? "200" : "19900"));
		Duration duration = duration(this.options.getOrDefault("held-duration", smoke ? "30s" : "5m"));
		onFreshServer(run, kind, "held", List.of(), (server) -> new HeldConnections(scenarios).hold(server, clients,
				this.plan.connectInFlight(), duration, Duration.ofSeconds(smoke ? 10 : 30)));
	}

	/** Each measurement on a server started for it, with no warm-up. */
	private void connectCold(Scenarios scenarios, int run, String kind) {
		boolean smoke = this.plan.name().equals("smoke");
		int count = Integer.parseInt(this.options.getOrDefault("cold-connects", String.valueOf(this.plan.largeConnect())));
		int burst = Integer.parseInt(this.options.getOrDefault("cold-burst", smoke ? "400" : "20000"));
		ColdConnects cold = new ColdConnects(scenarios);
		onFreshServer(run, kind, "connect_cold", List.of(),
				(server) -> cold.connect(server, count, this.plan.connectInFlight(), Duration.ofSeconds(60)));
		onFreshServer(run, kind, "connect_cold_burst", List.of(),
				(server) -> cold.connect(server, burst, burst, Duration.ofSeconds(120)));
	}

	private interface ServerMeasurement {

		Map<String, Object> run(Server server) throws Exception;

	}

	/** A long run on a server of its own, started for it. */
	private void onFreshServer(int run, String kind, String scenario, List<String> args, ServerMeasurement measurement) {
		try (Server server = start(kind, kind + "-" + scenario + "-run" + run, args)) {
			server.awaitReady(LONG_RUN_START);
			this.results.measure(run, kind, scenario, () -> measurement.run(server));
		}
		catch (Exception ex) {
			log("run " + run + ", " + kind + " " + scenario + " failed: " + ex);
			this.results.record(run, kind, scenario, Map.of("error", String.valueOf(ex)));
		}
	}

	/** {@code 30m}, {@code 90s}, {@code 2h} or ISO-8601 ({@code PT30M}). */
	static Duration duration(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		if (value.startsWith("pt")) {
			return Duration.parse(text.trim());
		}
		long amount = Long.parseLong(value.substring(0, value.length() - 1));
		return switch (value.charAt(value.length() - 1)) {
			case 's' -> Duration.ofSeconds(amount);
			case 'm' -> Duration.ofMinutes(amount);
			case 'h' -> Duration.ofHours(amount);
			default -> throw new IllegalArgumentException("not a duration: " + text);
		};
	}

	/** Compiles the server's hot paths before anything is measured: connections, then a few seconds of echo. */
	private void warmUp(Scenarios scenarios, Server server) throws Exception {
		scenarios.connect(server, this.plan.warmupConnections(), this.plan.connectInFlight(), false,
				Duration.ofSeconds(60));
		scenarios.echo(server, Math.min(50, this.plan.echoClients()), this.plan.payloadBytes(), Duration.ZERO,
				this.plan.warmupEcho());
	}

	/** Records a cluster scenario under its name with underscores ({@code cluster-fixed}: {@code cluster_fixed}). */
	private ClusterRuns.Sink clusterSink(int run, String kind) {
		return new ClusterRuns.Sink() {
			@Override
			public void measure(String scenario, java.util.concurrent.Callable<Map<String, Object>> measurement) {
				Runner.this.results.measure(run, kind, scenario.replace('-', '_'), measurement::call);
			}

			@Override
			public void record(String scenario, Map<String, Object> result) {
				Runner.this.results.record(run, kind, scenario.replace('-', '_'), result);
			}
		};
	}

	private Server start(String kind, String name, List<String> args) throws IOException {
		if (kind.equals("java")) {
			List<String> appArgs = new ArrayList<>();
			appArgs.add("--spring.profiles.active=interop");
			appArgs.addAll(args);
			return Server.startJava(this.settings, name, appArgs);
		}
		if (kind.equals("node")) {
			return Server.startNode(this.settings, name, args);
		}
		throw new IllegalArgumentException("unknown server " + kind);
	}

	// environment

	private Map<String, Object> planMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("name", this.plan.name());
		map.put("runs", this.runs);
		map.put("servers", this.servers);
		map.put("scenarios", this.scenarios);
		map.put("sizes", this.plan.toString());
		return map;
	}

	static void log(String message) {
		System.out.println("[" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + message);
	}

}
