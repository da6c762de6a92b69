package io.github.springsocketio.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;

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
 *     [--cluster-subscription-mode static|dynamic|dynamic-private] [--cluster-rate 200] [--cluster-rate-duration 10s]
 *     [--cluster-room-modes static,dynamic]
 *     [--soak-cycles 100000] [--soak-in-flight 32] [--idle-clients 10000] [--idle-duration 30m]
 *     [--fanout-rate 50] [--fanout-rate-clients 1000] [--chat-clients 1000] [--chat-rate 2]
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

	/** The sizes of one pass. */
	record Plan(String name, int warmupConnections, Duration warmupEcho, int smallConnect, int largeConnect,
			int connectInFlight, int echoClients, int payloadBytes, Duration echoWarmup, Duration echoMeasure,
			int fanOutClients, int fanOutMessages, int pollingClients, Duration pollingWarmup,
			Duration pollingMeasure, int clusterClients, int clusterMessages, Duration roundTimeout) {

		static Plan full() {
			return new Plan("full", 500, Duration.ofSeconds(3), 1_000, 10_000, 100, 100, 100, Duration.ofSeconds(5),
					Duration.ofSeconds(10), 1_000, 10_000, 200, Duration.ofSeconds(3), Duration.ofSeconds(10), 200,
					5_000, Duration.ofSeconds(180));
		}

		/** The same sizes with another number of warm-up connections, which both servers get. */
		Plan withWarmupConnections(int connections) {
			return new Plan(this.name, connections, this.warmupEcho, this.smallConnect, this.largeConnect,
					this.connectInFlight, this.echoClients, this.payloadBytes, this.echoWarmup, this.echoMeasure,
					this.fanOutClients, this.fanOutMessages, this.pollingClients, this.pollingWarmup,
					this.pollingMeasure, this.clusterClients, this.clusterMessages, this.roundTimeout);
		}

		static Plan smoke() {
			return new Plan("smoke", 20, Duration.ofMillis(500), 50, 200, 50, 10, 100, Duration.ofMillis(500),
					Duration.ofSeconds(1), 50, 200, 10, Duration.ofMillis(500), Duration.ofSeconds(1), 20, 100,
					Duration.ofSeconds(30));
		}

	}

	/** One figure of the table. */
	private record Metric(String scenario, String key, String label, boolean higherIsBetter, Double target,
			String targetText) {
	}

	private static final List<Metric> METRICS = List.of(
			new Metric("connect_small", "connects_per_s", "connect (small): connects/s", true, 1.0, ">= 1x"),
			new Metric("connect_large", "connects_per_s", "connect (large): connects/s", true, 1.0, ">= 1x"),
			new Metric("connect_large", "rss_per_connection_bytes", "idle WebSocket: RSS bytes/connection", false, 1.0,
					"<= 1x"),
			new Metric("connect_large", "heap_per_connection_bytes", "idle WebSocket: heap bytes/connection after GC",
					false, null, "documented"),
			new Metric("echo", "acks_per_s", "echo: acks/s", true, 2.0, ">= 2x"),
			new Metric("echo", "p50", "echo: latency p50 (us)", false, null, ""),
			new Metric("echo", "p99", "echo: latency p99 (us)", false, 1.0, "<= 1x"),
			new Metric("echo", "p99_9", "echo: latency p99.9 (us)", false, null, ""),
			new Metric("upgrade", "acks_per_s", "upgrade (polling, then WebSocket) echo: acks/s", true, 2.0, ">= 2x"),
			new Metric("upgrade", "p50", "upgrade echo: latency p50 (us)", false, null, ""),
			new Metric("upgrade", "p99", "upgrade echo: latency p99 (us)", false, 1.0, "<= 1x"),
			new Metric("rooms", "acks_per_s", "rooms: joins and leaves/s", true, null, ""),
			new Metric("rooms", "p99", "rooms: latency p99 (us)", false, null, ""),
			new Metric("fanout", "delivered_per_s", "fan-out: delivered msgs/s", true, 3.0, ">= 3x"),
			new Metric("fanout", "seconds_to_last", "fan-out: seconds until the last client has all", false, null, ""),
			new Metric("fanout", "p50", "fan-out: emit-to-receive p50 (ms)", false, null, ""),
			new Metric("fanout", "p99", "fan-out: emit-to-receive p99 (ms)", false, null, ""),
			new Metric("cluster", "delivered_per_s", "cluster: delivered msgs/s (all nodes)", true, 1.0, ">= 1x"),
			new Metric("cluster", "p50", "cluster: end-to-end p50 (ms)", false, null, ""),
			new Metric("cluster", "p99", "cluster: end-to-end p99 (ms)", false, 1.0, "<= 1x"),
			new Metric("cluster", "remote_p99", "cluster: end-to-end p99, other nodes' clients (ms)", false, null, ""),
			new Metric("cluster_fixed", "p50", "cluster fixed rate: end-to-end p50 (us)", false, null, ""),
			new Metric("cluster_fixed", "p99", "cluster fixed rate: end-to-end p99 (us)", false, 1.0, "<= 1x"),
			new Metric("cluster_fixed", "p99_9", "cluster fixed rate: end-to-end p99.9 (us)", false, null, ""),
			new Metric("cluster_fixed", "server_cpu", "CPU cluster fixed rate: all nodes' cores", false, null, ""),
			new Metric("cluster_rooms_static", "read_bytes_per_broadcast",
					"room-local, static: bytes read from Redis per broadcast (all nodes)", false, null, ""),
			new Metric("cluster_rooms_dynamic", "read_bytes_per_broadcast",
					"room-local, dynamic: bytes read from Redis per broadcast (all nodes)", false, null, ""),
			new Metric("cluster_rooms_static", "messages_received_per_broadcast",
					"room-local, static: other nodes' broadcasts handled per broadcast (all nodes)", false, null, ""),
			new Metric("cluster_rooms_dynamic", "messages_received_per_broadcast",
					"room-local, dynamic: other nodes' broadcasts handled per broadcast (all nodes)", false, null, ""),
			new Metric("cluster_rooms_static", "server_cpu", "CPU room-local, static: all nodes' cores", false, null,
					""),
			new Metric("cluster_rooms_dynamic", "server_cpu", "CPU room-local, dynamic: all nodes' cores", false, null,
					""),
			new Metric("polling", "acks_per_s", "polling: acks/s", true, 1.0, ">= 1x"),
			new Metric("polling", "p99", "polling: latency p99 (us)", false, null, ""),
			new Metric("echo-large", "acks_per_s", "echo 2 KB, no compression: acks/s", true, null, ""),
			new Metric("echo-large", "p99", "echo 2 KB, no compression: latency p99 (us)", false, null, ""),
			new Metric("echo-deflate", "acks_per_s", "echo 2 KB, permessage-deflate: acks/s", true, null, ""),
			new Metric("echo-deflate", "p99", "echo 2 KB, permessage-deflate: latency p99 (us)", false, null, ""),
			new Metric("polling-large", "acks_per_s", "polling 2 KB, no compression: acks/s", true, null, ""),
			new Metric("polling-large", "p99", "polling 2 KB, no compression: latency p99 (us)", false, null, ""),
			new Metric("polling-gzip", "acks_per_s", "polling 2 KB, gzip: acks/s", true, null, ""),
			new Metric("polling-gzip", "p99", "polling 2 KB, gzip: latency p99 (us)", false, null, ""),
			new Metric("connect_large", "server_cpu_us_per_op", "server CPU us per connect (large)", false, null, ""),
			new Metric("echo", "server_cpu_us_per_op", "server CPU us per echo ack", false, null, ""),
			new Metric("upgrade", "server_cpu_us_per_op", "server CPU us per upgrade echo ack", false, null, ""),
			new Metric("rooms", "server_cpu_us_per_op", "server CPU us per join or leave", false, null, ""),
			new Metric("fanout", "server_cpu_us_per_op", "server CPU us per fan-out delivery", false, null, ""),
			new Metric("cluster", "server_cpu_us_per_op", "server CPU us per cluster delivery (all nodes)", false,
					null, ""),
			new Metric("polling", "server_cpu_us_per_op", "server CPU us per polling ack", false, null, ""),
			new Metric("echo-large", "server_cpu_us_per_op", "server CPU us per 2 KB echo ack, no compression",
					false, null, ""),
			new Metric("echo-deflate", "server_cpu_us_per_op", "server CPU us per 2 KB echo ack, permessage-deflate",
					false, null, ""),
			new Metric("polling-large", "server_cpu_us_per_op", "server CPU us per 2 KB polling ack, no compression",
					false, null, ""),
			new Metric("polling-gzip", "server_cpu_us_per_op", "server CPU us per 2 KB polling ack, gzip", false,
					null, ""),
			new Metric("connect_large", "server_cpu", "CPU connect (large): server cores", false, null, ""),
			new Metric("connect_large", "loadgen_cpu", "CPU connect (large): load generator cores", false, null, ""),
			new Metric("echo", "server_cpu", "CPU echo: server cores", false, null, ""),
			new Metric("echo", "loadgen_cpu", "CPU echo: load generator cores", false, null, ""),
			new Metric("fanout", "server_cpu", "CPU fan-out: server cores", false, null, ""),
			new Metric("fanout", "loadgen_cpu", "CPU fan-out: load generator cores", false, null, ""),
			new Metric("cluster", "server_cpu", "CPU cluster: all nodes' cores", false, null, ""),
			new Metric("cluster", "loadgen_cpu", "CPU cluster: load generator cores", false, null, ""),
			new Metric("polling", "server_cpu", "CPU polling: server cores", false, null, ""),
			new Metric("polling", "loadgen_cpu", "CPU polling: load generator cores", false, null, ""),
			new Metric("echo", "server_waited_for_cpu", "echo: server waited for a CPU (share of time)", false, null,
					""),
			new Metric("fanout", "server_waited_for_cpu", "fan-out: server waited for a CPU (share of time)", false,
					null, ""),
			new Metric("polling", "server_waited_for_cpu", "polling: server waited for a CPU (share of time)", false,
					null, ""),
			new Metric("fanout-rate", "delivered_per_s", "fan-out, fixed rate: delivered msgs/s", true, null, ""),
			new Metric("fanout-rate", "p50", "fan-out, fixed rate: emit-to-receive p50 (us)", false, null, ""),
			new Metric("fanout-rate", "p99", "fan-out, fixed rate: emit-to-receive p99 (us)", false, 1.0, "<= 1x"),
			new Metric("fanout-rate", "p99_9", "fan-out, fixed rate: emit-to-receive p99.9 (us)", false, null, ""),
			new Metric("fanout-rate", "server_cpu", "fan-out, fixed rate: server cores", false, null, ""),
			new Metric("chat", "delivered_per_s", "chat: delivered msgs/s", true, null, ""),
			new Metric("chat", "p50", "chat: emit-to-receive p50 (us)", false, null, ""),
			new Metric("chat", "p99", "chat: emit-to-receive p99 (us)", false, 1.0, "<= 1x"),
			new Metric("chat", "p99_9", "chat: emit-to-receive p99.9 (us)", false, null, ""),
			new Metric("chat", "server_cpu_us_per_op", "chat: server CPU us per delivery", false, null, ""),
			new Metric("connect_cold", "connects_per_s", "connect (cold server): connects/s", true, 1.0, ">= 1x"),
			new Metric("connect_cold", "connect_p99_ms", "connect (cold server): p99 (ms)", false, null, ""),
			new Metric("connect_cold_burst", "connects_per_s", "connect (cold, all at once): connects/s", true, 1.0,
					">= 1x"),
			new Metric("connect_cold_burst", "failed", "connect (cold, all at once): failed", false, null, ""),
			new Metric("connect_cold_burst", "connect_p99_ms", "connect (cold, all at once): p99 (ms)", false, null,
					""),
			new Metric("held", "held", "held connections: held", true, null, ""),
			new Metric("held", "dropped", "held connections: dropped", false, null, ""),
			new Metric("held", "rss_per_connection_bytes", "held connections: RSS bytes/connection", false, 1.0,
					"<= 1x"),
			new Metric("held", "heap_per_connection_bytes", "held connections: heap bytes/connection after GC", false,
					null, ""),
			new Metric("held", "server_cpu", "held connections: heartbeats' server cores", false, null, ""));

	private final Plan plan;

	private final int runs;

	private final List<String> servers;

	private final Set<String> scenarios;

	private final Server.Settings settings;

	private final String redisHost;

	private final int redisPort;

	private final Path outDir;

	private final List<Map<String, Object>> records = new ArrayList<>();

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
		report.put("machine", machine());
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
		report.put("runs", this.records);
		Map<String, Object> summary = summary();
		report.put("summary", summary);
		String table = table(summary);
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
				measure(run, kind, "connect_small",
						() -> scenarios.connect(server, p.smallConnect(), p.connectInFlight(), false, Duration.ofSeconds(120)));
				measure(run, kind, "connect_large",
						() -> scenarios.connect(server, p.largeConnect(), p.connectInFlight(), true, Duration.ofSeconds(300)));
			}
			if (wanted.contains("echo")) {
				measure(run, kind, "echo", () -> scenarios.echo(server, p.echoClients(), p.payloadBytes(),
						p.echoWarmup(), p.echoMeasure()));
			}
			if (wanted.contains("upgrade")) {
				measure(run, kind, "upgrade", () -> scenarios.upgrade(server, p.echoClients(), p.payloadBytes(),
						p.echoWarmup(), p.echoMeasure()));
			}
			if (wanted.contains("rooms")) {
				measure(run, kind, "rooms",
						() -> scenarios.rooms(server, p.echoClients(), p.echoWarmup(), p.echoMeasure()));
			}
			if (wanted.contains("fanout")) {
				measure(run, kind, "fanout", () -> scenarios.fanOut(server, server, p.fanOutClients(),
						p.fanOutMessages(), p.payloadBytes(), p.roundTimeout()));
			}
			if (wanted.contains("polling")) {
				measure(run, kind, "polling", () -> scenarios.polling(server, p.pollingClients(), p.payloadBytes(),
						p.pollingWarmup(), p.pollingMeasure()));
			}
			RateScenarios rate = new RateScenarios(scenarios);
			RateScenarios.Sizes sizes = RateScenarios.Sizes.of(p.name(), this.options);
			if (wanted.contains("fanout-rate")) {
				measure(run, kind, "fanout-rate", () -> rate.fanOut(server, server, sizes));
			}
			if (wanted.contains("chat")) {
				measure(run, kind, "chat", () -> rate.chat(server, sizes));
			}
			CompressionScenarios compression = new CompressionScenarios(scenarios);
			for (String scenario : List.of("polling-large", "polling-gzip")) {
				if (wanted.contains(scenario)) {
					measure(run, kind, scenario, () -> compression.polling(server, scenario.equals("polling-gzip"),
							p.pollingClients(), p.pollingWarmup(), p.pollingMeasure()));
				}
			}
		}
		catch (Exception ex) {
			log("run " + run + ", " + kind + " failed: " + ex);
			record(run, kind, "server", Map.of("error", String.valueOf(ex)));
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
				measure(run, kind, scenario, () -> compression.echo(server, scenario.equals("echo-deflate"),
						p.echoClients(), p.echoWarmup(), p.echoMeasure()));
			}
		}
		catch (Exception ex) {
			log("run " + run + ", " + kind + " with permessage-deflate failed: " + ex);
			record(run, kind, "server", Map.of("error", String.valueOf(ex)));
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
			measure(run, kind, scenario, () -> measurement.run(server));
		}
		catch (Exception ex) {
			log("run " + run + ", " + kind + " " + scenario + " failed: " + ex);
			record(run, kind, scenario, Map.of("error", String.valueOf(ex)));
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
				Runner.this.measure(run, kind, scenario.replace('-', '_'), measurement::call);
			}

			@Override
			public void record(String scenario, Map<String, Object> result) {
				Runner.this.record(run, kind, scenario.replace('-', '_'), result);
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

	private interface Measurement {

		Map<String, Object> run() throws Exception;

	}

	private void measure(int run, String kind, String scenario, Measurement measurement) {
		log("run " + run + ", " + kind + ": " + scenario);
		Map<String, Object> result;
		try {
			result = measurement.run();
		}
		catch (Exception ex) {
			log("  failed: " + ex);
			result = Map.of("error", String.valueOf(ex));
		}
		log("  " + result);
		record(run, kind, scenario, result);
		try {
			// let the server settle (closed connections, GC) before the next scenario
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void record(int run, String kind, String scenario, Map<String, Object> result) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("run", run);
		entry.put("server", kind);
		entry.put("scenario", scenario);
		entry.put("load_average", ProcStats.loadAverage());
		entry.put("result", result);
		this.records.add(entry);
	}

	// summary

	private Map<String, Object> summary() {
		Map<String, Object> summary = new LinkedHashMap<>();
		for (Metric metric : METRICS) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("label", metric.label());
			row.put("higher_is_better", metric.higherIsBetter());
			Map<String, Double> medians = new LinkedHashMap<>();
			for (String kind : this.servers) {
				List<Double> values = new ArrayList<>();
				String unavailable = null;
				for (Map<String, Object> entry : this.records) {
					if (entry.get("server").equals(kind) && entry.get("scenario").equals(metric.scenario())) {
						@SuppressWarnings("unchecked")
						Map<String, Object> result = (Map<String, Object>) entry.get("result");
						if (result.get(metric.key()) instanceof Number number) {
							values.add(number.doubleValue());
						}
						else if (Boolean.FALSE.equals(result.get("available"))) {
							unavailable = String.valueOf(result.get("reason"));
						}
					}
				}
				Map<String, Object> stats = new LinkedHashMap<>();
				if (values.isEmpty()) {
					stats.put("available", false);
					if (unavailable != null) {
						stats.put("reason", unavailable);
					}
				}
				else {
					List<Double> sorted = values.stream().sorted().toList();
					double median = median(sorted);
					medians.put(kind, median);
					stats.put("median", median);
					stats.put("min", sorted.get(0));
					stats.put("max", sorted.get(sorted.size() - 1));
					stats.put("values", values);
				}
				row.put(kind, stats);
			}
			Double ratio = (medians.containsKey("java") && medians.containsKey("node") && medians.get("node") != 0)
					? medians.get("java") / medians.get("node") : null;
			row.put("ratio_java_over_node", ratio);
			row.put("target", metric.targetText());
			if (metric.target() != null) {
				String status;
				if (ratio == null) {
					status = "n/a";
				}
				else if (metric.higherIsBetter()) {
					status = (ratio >= metric.target()) ? "met" : "MISSED";
				}
				else {
					status = (ratio <= metric.target()) ? "met" : "MISSED";
				}
				row.put("status", status);
			}
			summary.put(metric.scenario() + "." + metric.key(), row);
		}
		return summary;
	}

	private static double median(List<Double> sorted) {
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	@SuppressWarnings("unchecked")
	private String table(Map<String, Object> summary) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "metric", "java median [min..max]", "node median [min..max]", "java/node", "target",
				"status" });
		for (Object value : summary.values()) {
			Map<String, Object> row = (Map<String, Object>) value;
			List<String> cells = new ArrayList<>();
			cells.add((String) row.get("label"));
			for (String kind : List.of("java", "node")) {
				Map<String, Object> stats = (Map<String, Object>) row.get(kind);
				if (stats == null) {
					cells.add("-");
				}
				else if (Boolean.FALSE.equals(stats.get("available"))) {
					cells.add("not available");
				}
				else {
					cells.add(format((Double) stats.get("median")) + " [" + format((Double) stats.get("min")) + ".."
							+ format((Double) stats.get("max")) + "]");
				}
			}
			Double ratio = (Double) row.get("ratio_java_over_node");
			cells.add((ratio != null) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-");
			cells.add((String) row.get("target"));
			cells.add((String) row.getOrDefault("status", ""));
			rows.add(cells.toArray(new String[0]));
		}
		int[] widths = new int[rows.get(0).length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder out = new StringBuilder();
		for (int r = 0; r < rows.size(); r++) {
			String[] row = rows.get(r);
			out.append('|');
			for (int i = 0; i < row.length; i++) {
				out.append(' ').append(pad(row[i], widths[i], i > 0)).append(" |");
			}
			out.append('\n');
			if (r == 0) {
				out.append('|');
				for (int width : widths) {
					out.append('-').append("-".repeat(width)).append("-|");
				}
				out.append('\n');
			}
		}
		return out.toString();
	}

	private static String pad(String text, int width, boolean right) {
		String spaces = " ".repeat(width - text.length());
		return right ? spaces + text : text + spaces;
	}

	static String format(double value) {
		if (Math.abs(value) >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (Math.abs(value) >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
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

	private Map<String, Object> machine() {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("loadgen_visible_cpus", Runtime.getRuntime().availableProcessors());
		machine.put("online_cpus", command("nproc", "--all"));
		machine.put("cpu_model", firstLine("/proc/cpuinfo", "model name"));
		machine.put("memory", firstLine("/proc/meminfo", "MemTotal"));
		machine.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		machine.put("server_cpus", this.settings.serverCpus());
		machine.put("server_java", command(this.settings.javaBin().toString(), "-version"));
		machine.put("server_jvm_flags", this.settings.jvmFlags());
		machine.put("node", command(this.settings.nodeBin(), "--version"));
		machine.put("loadgen_java", System.getProperty("java.vm.name") + " " + Runtime.version());
		return machine;
	}

	private static String firstLine(String file, String prefix) {
		try {
			for (String line : Files.readAllLines(Path.of(file))) {
				if (line.startsWith(prefix)) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// unknown
		}
		return "";
	}

	private static String command(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			process.waitFor(30, TimeUnit.SECONDS);
			return output.replace('\n', ' ');
		}
		catch (IOException | InterruptedException ex) {
			return "unknown";
		}
	}

	static void log(String message) {
		System.out.println("[" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + message);
	}

}
