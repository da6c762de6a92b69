package io.github.springsocketio.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.springsocketio.bench.load.Fleet;
import io.github.springsocketio.bench.load.SoakCycles;
import io.github.springsocketio.bench.load.WsClient;
import io.netty.buffer.ByteBuf;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The long runs that look for leaks and drops rather than speed: {@code soak} (many short-lived connections of
 * every kind, then the server must be back where it started) and {@code idle-long} (many idle clients kept for a
 * long time, none may be dropped). Each is bounded in count and time and prints a pass/fail line.
 */
final class LongRuns {

	/** A soak passes when the heap after GC is within this share of its baseline. */
	static final double HEAP_TOLERANCE = 0.05;

	private static final String HOST = "127.0.0.1";

	private final Scenarios scenarios;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	LongRuns(Scenarios scenarios) {
		this.scenarios = scenarios;
	}

	// soak

	/**
	 * Warms the server up with a tenth of the cycles, waits {@code settle} (sessions kept for connection state
	 * recovery expire meanwhile: start the server with a recovery window shorter than that) and takes the counts of
	 * the Actuator endpoint and the heap after GC as the baseline, runs {@code cycles} connect/disconnect cycles,
	 * waits {@code settle} again, then (for at most {@code settle} more) until the counts are back to the baseline
	 * and the heap after GC within {@link #HEAP_TOLERANCE} of it.
	 */
	Map<String, Object> soak(Server server, int cycles, int inFlight, Duration settle) throws Exception {
		Map<String, Object> result = new LinkedHashMap<>();
		boolean java = server.kind().equals("java");
		SoakCycles soak = new SoakCycles(HOST, server.port(), inFlight);
		int warmup = Math.max(cycles / 10, 60);
		Runner.log("  soak warm-up: " + warmup + " cycles");
		soak.run(warmup, Duration.ofMinutes(10));
		// sessions kept for connection state recovery expire in this time: measure without them
		Thread.sleep(settle.toMillis());
		Counts baselineCounts = java ? settledCounts(server, null, settle) : null;
		server.gc();
		long heapBaseline = server.heapUsedBytes();
		long rssBaseline = server.rssBytes();
		Runner.log("  soak baseline: heap " + heapBaseline + " B, rss " + rssBaseline + " B, counts "
				+ baselineCounts);
		long start = System.nanoTime();
		SoakCycles.Tally tally = soak.run(cycles, Duration.ofHours(2));
		double seconds = (System.nanoTime() - start) / 1e9;
		Runner.log("  soak: " + tally + " in " + Math.round(seconds) + " s");
		Thread.sleep(settle.toMillis());
		Counts after = java ? settledCounts(server, baselineCounts, settle) : null;
		long heapAfter = settledHeap(server, heapBaseline, settle);
		long rssAfter = server.rssBytes();
		double heapChange = (heapAfter - heapBaseline) / (double) heapBaseline;
		boolean countsBack = !java || (after.isEmpty() && after.namespaces() == baselineCounts.namespaces());
		boolean heapBack = heapChange <= HEAP_TOLERANCE;
		boolean pass = countsBack && heapBack && tally.failed() == 0 && tally.completed() == cycles;
		result.put("cycles", cycles);
		result.put("in_flight", inFlight);
		result.put("completed", tally.completed());
		result.put("failed", tally.failed());
		result.put("by_kind", tally.byKind());
		result.put("seconds", seconds);
		result.put("cycles_per_s", tally.completed() / seconds);
		result.put("heap_baseline_bytes", heapBaseline);
		result.put("heap_after_bytes", heapAfter);
		result.put("heap_change", heapChange);
		result.put("rss_baseline_bytes", rssBaseline);
		result.put("rss_after_bytes", rssAfter);
		if (java) {
			result.put("counts_baseline", baselineCounts.toString());
			result.put("counts_after", after.toString());
		}
		result.put("pass", pass);
		String line = String.format("SOAK %s: %,d of %,d cycles completed, %d failed, in %.0f s; heap after GC "
				+ "%,d B vs baseline %,d B (%+.1f%%, limit +%.0f%%); counts %s (baseline %s)",
				pass ? "PASS" : "FAIL", tally.completed(), cycles, tally.failed(), seconds, heapAfter,
				heapBaseline, heapChange * 100, HEAP_TOLERANCE * 100, (after != null) ? after : "n/a",
				(baselineCounts != null) ? baselineCounts : "n/a");
		System.out.println(line);
		result.put("verdict", line);
		return result;
	}

	/** What the {@code socketio} Actuator endpoint counts. */
	record Counts(int sessions, int namespaces, int sockets, int rooms) {

		/** No session, socket nor room left; namespaces stay (dynamic ones are kept once created, as in Node). */
		boolean isEmpty() {
			return this.sessions == 0 && this.sockets == 0 && this.rooms == 0;
		}

	}

	private Counts counts(Server server) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + server.port() + "/actuator/socketio"))
					.timeout(Duration.ofSeconds(10))
					.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		JsonNode node = JsonMapper.builder().build().readTree(response.body());
		int sockets = 0;
		int rooms = 0;
		for (JsonNode namespace : node.path("namespaces")) {
			sockets += namespace.path("sockets").asInt();
			rooms += namespace.path("rooms").asInt();
		}
		return new Counts(node.path("connections").asInt(), node.path("namespaces").size(), sockets, rooms);
	}

	/**
	 * Polls the counts until they have no sessions, sockets nor rooms and (if given) the baseline's namespaces, or
	 * until {@code within} passed; returns the last counts. A session whose client vanished without a word goes at
	 * the server's ping timeout.
	 */
	private Counts settledCounts(Server server, Counts baseline, Duration within) throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		Counts counts = counts(server);
		while (System.nanoTime() < deadline
				&& !(counts.isEmpty() && (baseline == null || counts.namespaces() == baseline.namespaces()))) {
			Thread.sleep(500);
			counts = counts(server);
		}
		return counts;
	}

	/** Collects and measures the heap until it is within the tolerance of the baseline, or {@code within} passed. */
	private static long settledHeap(Server server, long baseline, Duration within) throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		server.gc();
		long heap = server.heapUsedBytes();
		while (System.nanoTime() < deadline && heap > baseline * (1 + HEAP_TOLERANCE)) {
			Thread.sleep(2000);
			server.gc();
			heap = server.heapUsedBytes();
		}
		return heap;
	}

	// idle-long

	/**
	 * Opens {@code clients} WebSocket clients that only answer the server's pings, keeps them for {@code duration}
	 * (RSS and heap logged every {@code sampleEvery}), then checks each still answers an acknowledged echo.
	 */
	Map<String, Object> idle(Server server, int clients, Duration duration, Duration sampleEvery) throws Exception {
		Map<String, Object> result = new LinkedHashMap<>();
		server.gc();
		long heapBefore = server.heapUsedBytes();
		long rssBefore = server.rssBytes();
		int[] acked = { 0 };
		CompletableFuture<Void> allAcked = new CompletableFuture<>();
		Fleet fleet = new Fleet(this.scenarios.net(), HOST, server.port(), clients, 100, new WsClient.Listener() {
			@Override
			public void onAck(WsClient client, long id, ByteBuf buf, int index, int length) {
				if (++acked[0] == clients) {
					allAcked.complete(null);
				}
			}
		});
		Scenarios.await(fleet.open(), Duration.ofMinutes(5));
		int connected = this.scenarios.onLoop(fleet::connected);
		Runner.log("  idle: " + connected + " of " + clients + " connected; holding for " + duration);
		List<Map<String, Object>> samples = new ArrayList<>();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long maxRss = 0;
		long maxHeap = 0;
		while (System.nanoTime() < end) {
			Thread.sleep(Math.max(1, Math.min(sampleEvery.toMillis(), (end - System.nanoTime()) / 1_000_000)));
			Map<String, Object> sample = new LinkedHashMap<>();
			sample.put("minute", (System.nanoTime() - start) / 60e9);
			sample.put("rss_bytes", server.rssBytes());
			sample.put("heap_used_bytes", server.heapUsedBytes());
			sample.put("dropped", this.scenarios.onLoop(fleet::lost));
			maxRss = Math.max(maxRss, (long) sample.get("rss_bytes"));
			maxHeap = Math.max(maxHeap, (long) sample.get("heap_used_bytes"));
			samples.add(sample);
			Runner.log("  idle: " + sample);
		}
		server.gc();
		long heapAfter = server.heapUsedBytes();
		long rssAfter = server.rssBytes();
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
		int dropped = this.scenarios.onLoop(fleet::lost);
		int answered = this.scenarios.onLoop(() -> acked[0]);
		boolean pass = connected == clients && dropped == 0 && answered == clients;
		result.put("clients", clients);
		result.put("connected", connected);
		result.put("minutes", duration.toSeconds() / 60.0);
		result.put("dropped", dropped);
		result.put("answered_echo_at_end", answered);
		result.put("rss_before_bytes", rssBefore);
		result.put("rss_after_bytes", rssAfter);
		result.put("rss_max_bytes", maxRss);
		result.put("heap_before_bytes", heapBefore);
		result.put("heap_after_gc_bytes", heapAfter);
		result.put("heap_max_used_bytes", maxHeap);
		result.put("samples", samples);
		result.put("pass", pass);
		String line = String.format("IDLE-LONG %s: %,d of %,d clients connected for %.1f min, %d dropped, %,d "
				+ "answered an echo at the end; RSS %,d -> %,d B (max %,d); heap after GC %,d -> %,d B",
				pass ? "PASS" : "FAIL", connected, clients, duration.toSeconds() / 60.0, dropped, answered, rssBefore,
				rssAfter, maxRss, heapBefore, heapAfter);
		System.out.println(line);
		result.put("verdict", line);
		Scenarios.await(fleet.closeAll(), Duration.ofMinutes(2));
		return result;
	}

}
