package io.github.springsocketio.adapter.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.springsocketio.testing.Executables;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.SlotHash;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real Redis Cluster for the tests: {@code redis-server} processes from the {@code PATH} started with
 * {@code --cluster-enabled yes} on free ports, each in a directory of its own, joined by
 * {@code redis-cli --cluster create} into masters (and replicas, if asked), and stopped when closed. A short node
 * timeout makes a replica take over a killed master within seconds.
 *
 * <pre>{@code
 * TestRedisCluster cluster = TestRedisCluster.shared(); // 3 masters
 * LettuceConnectionFactory connections = cluster.connectionFactory();
 * }</pre>
 */
public final class TestRedisCluster implements AutoCloseable {

	/** How long a node may not answer before the others mark it failed and its replica takes over. */
	static final Duration NODE_TIMEOUT = Duration.ofMillis(1000);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static @Nullable TestRedisCluster shared;

	private final Path binary;

	private final Path cli;

	private final List<Node> nodes = new ArrayList<>();

	private final RedisClient client = RedisClient.create();

	private TestRedisCluster(Path binary, Path cli) {
		this.binary = binary;
		this.cli = cli;
	}

	/**
	 * The cluster of three masters without replicas that test classes share, started once and stopped when the JVM
	 * exits. Tests keep apart by names of their own ({@link TestRedis#options()}); none may kill its nodes.
	 * @return the cluster
	 */
	public static synchronized TestRedisCluster shared() {
		if (shared == null) {
			TestRedisCluster cluster = start(3, 0);
			Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "test-redis-cluster-stop"));
			shared = cluster;
		}
		return shared;
	}

	/**
	 * Starts a cluster of its own, e.g. to kill a master.
	 * @param masters how many masters share the slots (3 at least, as {@code redis-cli} wants)
	 * @param replicasPerMaster how many replicas each master gets
	 * @return the cluster, every node agreeing that it is ok; close it when done
	 */
	public static TestRedisCluster start(int masters, int replicasPerMaster) {
		String path = System.getenv("PATH");
		TestRedisCluster cluster = new TestRedisCluster(TestRedis.binary(path),
				Executables.find("redis-cli", path).orElseGet(() -> fail("The Redis Cluster tests need 'redis-cli' on "
						+ "the PATH. Install Redis 7 (on Debian or Ubuntu: apt-get install redis-server, which brings "
						+ "redis-tools), then run the build again.")));
		try {
			cluster.startNodes(masters * (1 + replicasPerMaster));
			cluster.create(replicasPerMaster);
			cluster.awaitOk(cluster.nodes);
			if (replicasPerMaster > 0) {
				cluster.awaitReplicasInSync();
			}
			return cluster;
		}
		catch (RuntimeException | AssertionError ex) {
			cluster.close();
			throw ex;
		}
	}

	private void startNodes(int count) {
		for (int i = 0; i < count; i++) {
			Node node = startNode();
			this.nodes.add(node);
		}
		for (Node node : this.nodes) {
			awaitAnswer(node);
		}
	}

	private Node startNode() {
		Path directory;
		try {
			directory = Files.createTempDirectory("test-redis-cluster");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		int port = freePortWithFreeBusPort();
		List<String> command = List.of(this.binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", directory.toString(), "--cluster-enabled", "yes",
				"--cluster-config-file", "nodes.conf", "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()),
				"--cluster-replica-validity-factor", "0");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve("redis.log").toFile())
				.start();
			return new Node(port, directory, process);
		}
		catch (IOException ex) {
			FileSystemUtils.deleteRecursively(directory.toFile());
			throw new IllegalStateException("Could not run " + this.binary, ex);
		}
	}

	/** A free port whose cluster bus port (the port + 10000) is free too. */
	private static int freePortWithFreeBusPort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20000, 30000);
			if (free(port) && free(port + 10000)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port pair found for a Redis Cluster node");
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void awaitAnswer(Node node) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!node.process.isAlive()) {
				fail("redis-server on port " + node.port + " exited at start: " + node.log());
			}
			try {
				if ("PONG".equals(on(node.port, RedisCommands::ping))) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not listening yet
			}
			pause(50);
		}
		fail("redis-server on port " + node.port + " did not answer within " + START_TIMEOUT + ": " + node.log());
	}

	private void create(int replicasPerMaster) {
		List<String> command = new ArrayList<>(List.of(this.cli.toString(), "--cluster", "create"));
		this.nodes.forEach((node) -> command.add("127.0.0.1:" + node.port));
		command.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerMaster), "--cluster-yes"));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
				fail("redis-cli --cluster create failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + this.cli, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Waits until every node given says {@code cluster_state:ok} and knows every slot's owner and each other node. */
	private void awaitOk(List<Node> running) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			boolean ok = true;
			for (Node node : running) {
				try {
					String info = on(node.port, RedisCommands::clusterInfo);
					long known = on(node.port, RedisCommands::clusterNodes).lines()
						.filter((line) -> !line.contains("fail") && !line.contains("handshake"))
						.count();
					last = node.port + ": " + info.lines().filter((line) -> line.startsWith("cluster_state")).findFirst()
						.orElse("") + ", " + known + " nodes known";
					ok &= info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384")
							&& known == running.size();
				}
				catch (RuntimeException ex) {
					last = node.port + ": " + ex.getMessage();
					ok = false;
				}
			}
			if (ok) {
				return;
			}
			pause(100);
		}
		fail("The Redis Cluster did not become ok within " + START_TIMEOUT + "; last seen " + last);
	}

	private void awaitReplicasInSync() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			boolean synced = true;
			for (Node node : this.nodes) {
				String replication = on(node.port, (redis) -> redis.info("replication"));
				synced &= replication.contains("role:master") || replication.contains("master_link_status:up");
			}
			if (synced) {
				return;
			}
			pause(100);
		}
		fail("The replicas of the Redis Cluster did not sync within " + START_TIMEOUT);
	}

	/** @return the ports of the nodes running, masters and replicas */
	public List<Integer> ports() {
		return this.nodes.stream().filter(Node::running).map(Node::port).toList();
	}

	/** @return {@code 127.0.0.1:<port>} of each node running, as {@code spring.data.redis.cluster.nodes} lists them */
	public List<String> nodeAddresses() {
		return ports().stream().map((port) -> "127.0.0.1:" + port).toList();
	}

	/** @return the configuration Spring Boot makes of {@code spring.data.redis.cluster.nodes} */
	public RedisClusterConfiguration configuration() {
		return new RedisClusterConfiguration(nodeAddresses());
	}

	/**
	 * @return a started connection factory on this cluster that follows topology changes (Spring Boot's
	 * {@code spring.data.redis.lettuce.cluster.refresh.adaptive=true} and {@code period=1s}); destroy it when done
	 */
	public LettuceConnectionFactory connectionFactory() {
		ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
			.enableAllAdaptiveRefreshTriggers()
			.enablePeriodicRefresh(Duration.ofSeconds(1))
			.build();
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.clientOptions(ClusterClientOptions.builder().topologyRefreshOptions(refresh).build())
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration(), client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/**
	 * Runs commands on one node, on a connection of the tests' own, e.g. to count its subscribers.
	 * @param port the node's port
	 * @param commands the commands
	 * @param <T> the result type
	 * @return the result
	 */
	public <T> T on(int port, Function<RedisCommands<String, String>, T> commands) {
		RedisURI uri = RedisURI.create("127.0.0.1", port);
		uri.setTimeout(Duration.ofSeconds(5));
		try (StatefulRedisConnection<String, String> connection = this.client.connect(uri)) {
			return commands.apply(connection.sync());
		}
	}

	/**
	 * @param channel a channel
	 * @return the sum over the nodes running of {@code PUBSUB NUMSUB channel}: each node counts its own subscribers
	 */
	public long subscribers(String channel) {
		return ports().stream().mapToLong((port) -> on(port, (redis) -> redis.pubsubNumsub(channel)).get(channel)).sum();
	}

	/**
	 * @param key a key, or a sharded channel
	 * @return the port of the master that serves the key's hash slot, as the nodes running agree
	 */
	public int masterOf(String key) {
		int slot = SlotHash.getSlot(key);
		for (int port : ports()) {
			String nodes = on(port, RedisCommands::clusterNodes);
			for (String line : nodes.lines().toList()) {
				String[] fields = line.split(" ");
				if (!fields[2].contains("master") || fields[2].contains("fail")) {
					continue;
				}
				for (int i = 8; i < fields.length; i++) {
					String[] range = fields[i].split("-");
					if (range[0].startsWith("[")) {
						continue;
					}
					int from = Integer.parseInt(range[0]);
					int to = (range.length > 1) ? Integer.parseInt(range[1]) : from;
					if (slot >= from && slot <= to) {
						return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
					}
				}
			}
		}
		throw new IllegalStateException("No master serves slot " + slot + " of " + key);
	}

	/**
	 * Kills the master that serves a key's slot with SIGKILL, as a crash would, and waits until one of its replicas
	 * took its slots over and every node left agrees the cluster is ok.
	 * @param key a key, or a sharded channel
	 * @return the port of the killed master
	 */
	public int killMasterOf(String key) {
		int port = masterOf(key);
		Node node = this.nodes.stream().filter((candidate) -> candidate.port == port).findFirst().orElseThrow();
		node.kill();
		return port;
	}

	/**
	 * Waits until a master serves every slot again and every node running agrees the cluster is ok (after
	 * {@link #killMasterOf}).
	 * @param key the key whose master was killed
	 * @param killed the killed master's port
	 * @return the port of the new master of the key's slot
	 */
	public int awaitTakeover(String key, int killed) {
		awaitOk(this.nodes.stream().filter(Node::running).toList());
		int master = masterOf(key);
		if (master == killed) {
			fail("No replica took over from the master on port " + killed);
		}
		return master;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Stops every node and removes its directory. */
	@Override
	public synchronized void close() {
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		for (Node node : this.nodes) {
			node.kill();
			FileSystemUtils.deleteRecursively(node.directory.toFile());
		}
		this.nodes.clear();
	}

	@Override
	public String toString() {
		return "Redis Cluster " + this.nodes.stream().map((node) -> Integer.toString(node.port))
			.collect(Collectors.joining(","));
	}

	/** One {@code redis-server} of the cluster. */
	private record Node(int port, Path directory, Process process) {

		boolean running() {
			return this.process.isAlive();
		}

		void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		String log() {
			try {
				return Files.readString(this.directory.resolve("redis.log"));
			}
			catch (IOException ex) {
				return "";
			}
		}

	}

}
