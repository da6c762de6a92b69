package io.github.springsocketio.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.springsocketio.bench.load.Fleet;
import io.github.springsocketio.bench.load.WsClient;
import io.netty.buffer.ByteBuf;

/**
 * The held-connections run ({@code held}): as many idle WebSocket clients as the open-file limit allows, held for
 * minutes with the server's default heartbeats (a ping every 25 s per connection, answered by the client), on a
 * server started for it. It reports how many were held and how many dropped, the memory each costs (RSS, and heap
 * after a full GC), and the server CPU the heartbeats cost while nothing else happens.
 */
final class HeldConnections {

	private static final String HOST = "127.0.0.1";

	/** Connections one source address opens: well inside its ephemeral port range (28,232 by Linux's default). */
	static final int CLIENTS_PER_SOURCE_ADDRESS = 10_000;

	/** Descriptors a process needs besides its connections (JDK or Node libraries, epoll, pipes, logs). */
	private static final int SPARE_DESCRIPTORS = 100;

	private final Scenarios scenarios;

	HeldConnections(Scenarios scenarios) {
		this.scenarios = scenarios;
	}

	/**
	 * At most {@code wanted} clients: fewer when this process's or the server's open-file limit is lower than that
	 * plus {@link #SPARE_DESCRIPTORS}.
	 */
	static int clientsWithin(int wanted, long serverPid) {
		long limit = Math.min(openFileLimit(ProcessHandle.current().pid()), openFileLimit(serverPid));
		return (int) Math.min(wanted, Math.max(limit - SPARE_DESCRIPTORS, 1));
	}

	/** Source addresses 127.0.0.1, 127.0.0.2, ...: one per {@link #CLIENTS_PER_SOURCE_ADDRESS} clients. */
	static List<String> sourceAddresses(int clients) {
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < Math.max(1, (clients + CLIENTS_PER_SOURCE_ADDRESS - 1) / CLIENTS_PER_SOURCE_ADDRESS); i++) {
			addresses.add("127.0.0." + (i + 1));
		}
		return addresses;
	}

	/** @return the soft open-file limit of a process ({@code /proc/<pid>/limits}), or {@code Long.MAX_VALUE} */
	static long openFileLimit(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
				if (line.startsWith("Max open files")) {
					String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
					return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// unknown
		}
		return Long.MAX_VALUE;
	}

	/**
	 * Opens {@code wanted} clients (or as many as the limits allow), at most {@code inFlight} handshakes at a time;
	 * measures memory after a full GC; holds them for {@code duration} (RSS and drops logged every
	 * {@code sampleEvery}), with the server's CPU metered over the hold; measures memory again; then checks each
	 * still answers an acknowledged echo.
	 */
	Map<String, Object> hold(Server server, int wanted, int inFlight, Duration duration, Duration sampleEvery)
			throws Exception {
		int clients = clientsWithin(wanted, server.pid());
		List<String> sources = sourceAddresses(clients);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("clients_wanted", wanted);
		result.put("clients", clients);
		result.put("source_addresses", sources.size());
		result.put("server_open_file_limit", openFileLimit(server.pid()));
		server.gc();
		long rssBefore = server.rssBytes();
		long heapBefore = server.heapUsedBytes();
		int[] acked = { 0 };
		CompletableFuture<Void> allAcked = new CompletableFuture<>();
		Fleet fleet = new Fleet(this.scenarios.net(), HOST, server.port(), clients, inFlight, new WsClient.Listener() {
			@Override
			public void onAck(WsClient client, long id, ByteBuf buf, int index, int length) {
				if (++acked[0] == clients) {
					allAcked.complete(null);
				}
			}
		}).from(sources).connectTimeout(Duration.ofSeconds(60));
		long openStart = System.nanoTime();
		Scenarios.await(fleet.open(), Duration.ofMinutes(10));
		double openSeconds = (System.nanoTime() - openStart) / 1e9;
		int connected = this.scenarios.onLoop(fleet::connected);
		Runner.log("  held: " + connected + " of " + clients + " connected in " + Math.round(openSeconds)
				+ " s; holding for " + duration);
		Thread.sleep(2000);
		server.gc();
		long rssOpen = server.rssBytes();
		long heapOpen = server.heapUsedBytes();
		long pingsBefore = this.scenarios.onLoop(() -> pings(fleet));
		ProcStats.CpuMeter cpu = new ProcStats.CpuMeter(server.pid(), ProcessHandle.current().pid());
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long maxRss = rssOpen;
		while (System.nanoTime() < end) {
			Thread.sleep(Math.max(1, Math.min(sampleEvery.toMillis(), (end - System.nanoTime()) / 1_000_000)));
			long rss = server.rssBytes();
			maxRss = Math.max(maxRss, rss);
			Runner.log(String.format("  held: %.1f min, RSS %,d B, %d dropped", (System.nanoTime() - start) / 60e9,
					rss, this.scenarios.onLoop(fleet::lost)));
		}
		double[] cores = cpu.stop();
		long heartbeats = this.scenarios.onLoop(() -> pings(fleet)) - pingsBefore;
		int droppedInHold = this.scenarios.onLoop(fleet::lost);
		server.gc();
		long rssAfter = server.rssBytes();
		long heapAfter = server.heapUsedBytes();
		byte[] echo = "[\"echo\",\"still here\"]".getBytes(StandardCharsets.US_ASCII);
		this.scenarios.onLoop(() -> {
			for (WsClient client : fleet.clients()) {
				if (client.isConnected()) {
					client.send(new byte[] { '4', '2' }, client.nextAckId++, echo);
				}
			}
			return null;
		});
		try {
			allAcked.get(60, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			// counted below
		}
		int answered = this.scenarios.onLoop(() -> acked[0]);
		int held = connected - droppedInHold;
		result.put("connected", connected);
		result.put("failed", this.scenarios.onLoop(fleet::failed));
		result.put("open_seconds", openSeconds);
		result.put("minutes", duration.toSeconds() / 60.0);
		result.put("held", held);
		result.put("dropped", droppedInHold);
		result.put("answered_echo_at_end", answered);
		result.put("rss_before_bytes", rssBefore);
		result.put("rss_open_bytes", rssOpen);
		result.put("rss_after_bytes", rssAfter);
		result.put("rss_max_bytes", maxRss);
		result.put("rss_per_connection_bytes", (rssAfter - rssBefore) / (double) Math.max(held, 1));
		if (heapBefore >= 0 && heapAfter >= 0) {
			result.put("heap_before_bytes", heapBefore);
			result.put("heap_open_bytes", heapOpen);
			result.put("heap_after_bytes", heapAfter);
			result.put("heap_per_connection_bytes", (heapAfter - heapBefore) / (double) Math.max(held, 1));
		}
		result.put("heartbeats", heartbeats);
		result.put("heartbeats_per_s", heartbeats / (duration.toNanos() / 1e9));
		Scenarios.putCpu(result, cpu, cores, 1, heartbeats);
		boolean pass = connected == clients && droppedInHold == 0 && answered == clients;
		result.put("pass", pass);
		String line = String.format("HELD %s: %,d of %,d clients held for %.1f min, %d dropped, %,d answered an echo at "
				+ "the end; RSS %,d -> %,d B (%,.0f B/connection), heap after GC %,d -> %,d B; heartbeats %,d "
				+ "costing %.4f server cores", pass ? "PASS" : "FAIL", held, clients, duration.toSeconds() / 60.0,
				droppedInHold, answered, rssBefore, rssAfter, (double) result.get("rss_per_connection_bytes"),
				heapBefore, heapAfter, heartbeats, cores[0]);
		System.out.println(line);
		result.put("verdict", line);
		Scenarios.await(fleet.closeAll(), Duration.ofMinutes(2));
		return result;
	}

	private static long pings(Fleet fleet) {
		long pings = 0;
		for (WsClient client : fleet.clients()) {
			pings += client.pings;
		}
		return pings;
	}

}
