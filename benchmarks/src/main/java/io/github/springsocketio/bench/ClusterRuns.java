package io.github.springsocketio.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Starts the nodes of a cluster on one Redis, each with the adapter a user would configure, checks that a broadcast
 * asked on the first node reaches every other one, then runs the {@link ClusterScenarios} named in
 * {@code --scenarios}:
 *
 * <ul>
 * <li>{@code cluster}: cross-node throughput ({@code --cluster-nodes}, {@code --cluster-adapter},
 * {@code --cluster-subscription-mode});</li>
 * <li>{@code cluster-fixed}: latency at a fixed rate ({@code --cluster-rate} per second for
 * {@code --cluster-rate-duration}, after {@code --cluster-rate-warmup}), on the same nodes;</li>
 * <li>{@code cluster-rooms}: room-local traffic on the {@code redis-sharded} adapter, on fresh nodes for each mode of
 * {@code --cluster-room-modes} (recorded as {@code cluster_rooms_<mode>}).</li>
 * </ul>
 */
final class ClusterRuns {

	static final List<String> SCENARIOS = List.of("cluster", "cluster-fixed", "cluster-rooms");

	private final ClusterScenarios scenarios;

	private final Scenarios single;

	private final Server.Settings settings;

	private final String redisHost;

	private final int redisPort;

	private final Options options;

	private final Duration serverStart;

	ClusterRuns(Scenarios scenarios, Server.Settings settings, String redisHost, int redisPort, Options options,
			Duration serverStart) {
		this.single = scenarios;
		this.scenarios = new ClusterScenarios(scenarios);
		this.settings = settings;
		this.redisHost = redisHost;
		this.redisPort = redisPort;
		this.options = options;
		this.serverStart = serverStart;
	}

	/** What the cluster scenarios run on, from the runner's options. */
	record Options(int nodes, String adapter, String subscriptionMode, int rate, Duration rateWarmup,
			Duration rateDuration, List<String> roomModes, int roomsPerNode) {

		static Options from(Map<String, String> options, boolean smoke) {
			Options parsed = new Options(Integer.parseInt(options.getOrDefault("cluster-nodes", "3")),
					options.getOrDefault("cluster-adapter", "redis-streams"),
					options.getOrDefault("cluster-subscription-mode", "dynamic"),
					Integer.parseInt(options.getOrDefault("cluster-rate", smoke ? "50" : "200")),
					// the nodes start for the scenario: warmed up for a minute they are measured in their steady
					// state, not while three young JVMs compile on the cores they share
					Runner.duration(options.getOrDefault("cluster-rate-warmup", smoke ? "PT0.5S" : "60s")),
					Runner.duration(options.getOrDefault("cluster-rate-duration", smoke ? "2s" : "10s")),
					List.of(options.getOrDefault("cluster-room-modes", "static,dynamic").split(",")), 10);
			if (parsed.nodes() < 2) {
				throw new IllegalArgumentException("--cluster-nodes needs at least 2");
			}
			if (!List.of("redis-streams", "redis", "redis-sharded").contains(parsed.adapter())) {
				throw new IllegalArgumentException("--cluster-adapter is redis-streams, redis or redis-sharded");
			}
			return parsed;
		}

	}

	/** Where the runner records what was measured, for one run of one server. */
	interface Sink {

		void measure(String scenario, Callable<Map<String, Object>> measurement);

		void record(String scenario, Map<String, Object> result);

	}

	/**
	 * Runs the cluster scenarios among {@code wanted} for one server kind.
	 * @return false when a cluster did not work (a broadcast did not reach every node)
	 */
	boolean run(Set<String> wanted, int run, String kind, Plan plan, Sink sink) {
		boolean available = true;
		if (wanted.contains("cluster") || wanted.contains("cluster-fixed")) {
			available = onCluster(run, kind, this.options.adapter(), this.options.subscriptionMode(),
					List.of("cluster", "cluster-fixed").stream().filter(wanted::contains).toList(), sink,
					(scenario, nodes) -> scenario.equals("cluster")
							? this.scenarios.throughput(nodes, plan.clusterClients(), plan.clusterMessages(),
									plan.payloadBytes(), plan.roundTimeout())
							: this.scenarios.fixedRate(nodes, plan.clusterClients(), this.options.rate(),
									this.options.rateWarmup(), this.options.rateDuration(), plan.payloadBytes()));
		}
		if (wanted.contains("cluster-rooms")) {
			for (String mode : this.options.roomModes()) {
				String scenario = "cluster_rooms_" + mode.replace('-', '_');
				available &= onCluster(run, kind, "redis-sharded", mode, List.of(scenario), sink,
						(name, nodes) -> this.scenarios.roomLocal(nodes, plan.clusterClients(),
								this.options.roomsPerNode(), this.options.rate(), this.options.rateWarmup(),
								this.options.rateDuration(), plan.payloadBytes(), this.redisPort));
			}
		}
		return available;
	}

	private interface Measurement {

		Map<String, Object> run(String scenario, List<Server> nodes) throws Exception;

	}

	private boolean onCluster(int run, String kind, String adapter, String mode, List<String> scenarioNames,
			Sink sink, Measurement measurement) {
		String name = "socketio-bench-" + ProcessHandle.current().pid() + "-" + run + "-" + kind + "-" + adapter
				+ (adapter.equals("redis-sharded") ? "-" + mode : "");
		String described = this.options.nodes() + " nodes, adapter " + adapter
				+ (adapter.equals("redis-sharded") ? " (" + mode + ")" : "") + ", channels/stream " + name;
		Runner.log("run " + run + ", " + kind + " " + String.join(",", scenarioNames) + ": starting " + described);
		List<Server> nodes = new ArrayList<>();
		try {
			for (int i = 0; i < this.options.nodes(); i++) {
				nodes.add(startNode(kind, run, i, adapter, mode, name));
			}
			for (Server node : nodes) {
				node.awaitReady(this.serverStart);
			}
			for (int i = 1; i < nodes.size(); i++) {
				if (!this.single.clusterWorks(nodes.get(i), nodes.get(0), Duration.ofSeconds(10))) {
					String reason = "not available: a broadcast from the first node did not reach node " + i + " ("
							+ adapter + ")";
					Runner.log("run " + run + ", " + kind + ": " + reason);
					for (String scenario : scenarioNames) {
						sink.record(scenario, Map.of("available", false, "reason", reason));
					}
					return false;
				}
			}
			for (String scenario : scenarioNames) {
				sink.measure(scenario, () -> {
					Map<String, Object> result = measurement.run(scenario, nodes);
					result.put("adapter", adapter);
					if (adapter.equals("redis-sharded")) {
						result.put("subscription_mode", mode);
					}
					return result;
				});
			}
			return true;
		}
		catch (Exception ex) {
			Runner.log("run " + run + ", " + kind + " cluster failed: " + ex);
			for (String scenario : scenarioNames) {
				sink.record(scenario, Map.of("error", String.valueOf(ex)));
			}
			return true;
		}
		finally {
			nodes.forEach(Server::close);
			deleteRedisKey(name);
		}
	}

	/**
	 * A node with the adapter set as a user sets it: for Java, {@code socketio.adapter.*} and
	 * {@code spring.data.redis.*}; for Node.js, the server's options for the matching Node.js adapter.
	 */
	private Server startNode(String kind, int run, int index, String adapter, String mode, String name)
			throws IOException {
		String nodeId = String.valueOf((char) ('a' + index));
		String logName = kind + "-cluster-" + adapter + (adapter.equals("redis-sharded") ? "-" + mode : "") + "-"
				+ nodeId + "-run" + run;
		if (kind.equals("java")) {
			List<String> args = new ArrayList<>(List.of("--spring.profiles.active=interop,cluster",
					"--spring.data.redis.host=" + this.redisHost, "--spring.data.redis.port=" + this.redisPort,
					"--socketio.node-id=" + nodeId, "--socketio.adapter.type=" + adapter));
			switch (adapter) {
				case "redis-streams" -> args.add("--socketio.adapter.redis.stream-name=" + name);
				case "redis" -> args.add("--socketio.adapter.redis.key=" + name);
				default -> {
					args.add("--socketio.adapter.redis.channel-prefix=" + name);
					args.add("--socketio.adapter.redis.subscription-mode=" + mode);
				}
			}
			if (!adapter.equals("redis-streams")) {
				// the PUB/SUB adapters keep no sessions: the start fails with recovery on
				args.add("--socketio.connection-state-recovery.enabled=false");
			}
			return Server.startJava(this.settings, logName, args);
		}
		List<String> args = new ArrayList<>(List.of("--node-id", nodeId, "--redis",
				"redis://" + this.redisHost + ":" + this.redisPort, "--adapter", adapter));
		if (adapter.equals("redis-streams")) {
			args.addAll(List.of("--stream", name));
		}
		else {
			args.addAll(List.of("--key", name, "--subscription-mode", mode));
		}
		return Server.startNode(this.settings, logName, args);
	}

	/** Removes a run's stream from Redis (plain RESP: no client library needed for one command). */
	private void deleteRedisKey(String key) {
		try (Socket socket = new Socket(this.redisHost, this.redisPort)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
			out.write(("*2\r\n$3\r\nDEL\r\n$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(bytes);
			out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			socket.getInputStream().read();
		}
		catch (IOException ex) {
			Runner.log("could not delete the Redis key " + key + ": " + ex.getMessage());
		}
	}

}
