package io.github.springsocketio.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.springsocketio.bench.load.Fleet;
import io.github.springsocketio.bench.load.Net;
import io.github.springsocketio.bench.load.PollingClient;
import io.github.springsocketio.bench.load.WsClient;
import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Histogram;

/**
 * The benchmark scenarios, each against a running server, each bounded in size and time. Every result is a flat
 * map of numbers; CPU figures are in cores (1.0 = one core busy for the whole measured interval).
 */
final class Scenarios {

	static final byte[] EVENT_WITH_ACK = { '4', '2' };

	static final String HOST = "127.0.0.1";

	private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

	private final Net net;

	private final long selfPid = ProcessHandle.current().pid();

	Scenarios(Net net) {
		this.net = net;
	}

	Net net() {
		return this.net;
	}

	// 1. connect (and the memory an idle connection costs)

	Map<String, Object> connect(Server server, int count, int inFlight, boolean measureMemory, Duration timeout)
			throws Exception {
		Map<String, Object> result = new LinkedHashMap<>();
		long rssBefore = 0;
		long heapBefore = 0;
		if (measureMemory) {
			server.gc();
			rssBefore = server.rssBytes();
			heapBefore = server.heapUsedBytes();
		}
		Fleet fleet = new Fleet(this.net, HOST, server.port(), count, inFlight, new WsClient.Listener() {
		});
		ProcStats.CpuMeter cpu = new ProcStats.CpuMeter(server.pid(), this.selfPid);
		await(fleet.open(), timeout);
		double[] cores = cpu.stop();
		int connected = onLoop(fleet::connected);
		result.put("clients", count);
		result.put("connected", connected);
		result.put("failed", onLoop(fleet::failed));
		result.put("seconds", fleet.openNanos() / 1e9);
		result.put("connects_per_s", connected / (fleet.openNanos() / 1e9));
		Histogram latency = onLoop(() -> fleet.connectLatency().copy());
		result.put("connect_p50_ms", latency.getValueAtPercentile(50) / 1000.0);
		result.put("connect_p99_ms", latency.getValueAtPercentile(99) / 1000.0);
		putCpu(result, cpu, cores, 1, connected);
		if (measureMemory) {
			Thread.sleep(2000);
			server.gc();
			long rssAfter = server.rssBytes();
			long heapAfter = server.heapUsedBytes();
			result.put("idle_seconds", 2);
			result.put("rss_before_bytes", rssBefore);
			result.put("rss_after_bytes", rssAfter);
			result.put("rss_per_connection_bytes", (rssAfter - rssBefore) / (double) Math.max(connected, 1));
			if (heapBefore >= 0 && heapAfter >= 0) {
				result.put("heap_before_bytes", heapBefore);
				result.put("heap_after_bytes", heapAfter);
				result.put("heap_per_connection_bytes", (heapAfter - heapBefore) / (double) Math.max(connected, 1));
			}
		}
		result.put("lost", onLoop(fleet::lost));
		await(fleet.closeAll(), Duration.ofSeconds(60));
		return result;
	}

	// 2. echo: acknowledged echoes in a closed loop

	Map<String, Object> echo(Server server, int clients, int payloadSize, Duration warmup, Duration measure)
			throws Exception {
		return echo(server, (listener) -> new Fleet(this.net, HOST, server.port(), clients, 100, listener), payloadSize,
				warmup, measure);
	}

	/**
	 * The echo above on the path the JavaScript client takes by default: each session is opened over polling, then
	 * upgraded to a WebSocket ({@code 2probe}, {@code 3probe}, {@code 5}) on a connection of its own, which then
	 * carries the echo.
	 */
	Map<String, Object> upgrade(Server server, int clients, int payloadSize, Duration warmup, Duration measure)
			throws Exception {
		List<String> sids = new ArrayList<>(clients);
		for (int i = 0; i < clients; i++) {
			sids.add(pollingHandshake(server.port()));
		}
		return echo(server, (listener) -> new Fleet(this.net, HOST, server.port(), sids, 100, listener), payloadSize,
				warmup, measure);
	}

	/** Opens a session over polling, on a connection that is closed afterwards; @return its id */
	private static String pollingHandshake(int port) throws IOException {
		try (Socket socket = new Socket(HOST, port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: " + HOST + ":" + port
						+ "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			Matcher sid = SID.matcher(response);
			if (!sid.find()) {
				throw new IOException("no session id in the polling handshake's answer: " + response);
			}
			return sid.group(1);
		}
	}

	private Map<String, Object> echo(Server server, Function<WsClient.Listener, Fleet> fleets, int payloadSize,
			Duration warmup, Duration measure) throws Exception {
		byte[] body = ("[\"echo\",\"" + "x".repeat(payloadSize) + "\"]").getBytes(StandardCharsets.US_ASCII);
		Map<String, Object> result = closedLoop(server, fleets, (client) -> body, warmup, measure);
		result.put("payload_bytes", payloadSize);
		return result;
	}

	// 2b. rooms: acknowledged joins and leaves in a closed loop

	/**
	 * Each client joins a room and leaves it again, one acknowledged event after the other: the cost of the rooms
	 * index, and of whatever a join or leave writes elsewhere (a cluster adapter's records). 100 clients over 10 rooms.
	 */
	Map<String, Object> rooms(Server server, int clients, Duration warmup, Duration measure) throws Exception {
		byte[][] joins = new byte[10][];
		byte[][] leaves = new byte[10][];
		for (int i = 0; i < joins.length; i++) {
			joins[i] = ("[\"join\",\"bench-room-" + i + "\"]").getBytes(StandardCharsets.US_ASCII);
			leaves[i] = ("[\"leave\",\"bench-room-" + i + "\"]").getBytes(StandardCharsets.US_ASCII);
		}
		return closedLoop(server, (listener) -> new Fleet(this.net, HOST, server.port(), clients, 100, listener),
				(client) -> {
					int room = Math.floorMod(System.identityHashCode(client), joins.length);
					return (client.nextAckId % 2 == 0) ? joins[room] : leaves[room];
				}, warmup, measure);
	}

	/** Each client sends an event with an ack, and the next one when the ack comes: ack rate, latency and CPU. */
	private Map<String, Object> closedLoop(Server server, Function<WsClient.Listener, Fleet> fleets,
			Function<WsClient, byte[]> bodies, Duration warmup, Duration measure) throws Exception {
		Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		long[] acks = new long[1];
		int[] phase = { 0 };
		WsClient.Listener listener = new WsClient.Listener() {
			@Override
			public void onAck(WsClient client, long id, ByteBuf buf, int index, int length) {
				if (id != client.nextAckId - 1) {
					return;
				}
				if (phase[0] == 1) {
					latency.recordValue(Math.max(0, (System.nanoTime() - client.sentAtNanos) / 1000));
					acks[0]++;
				}
				if (phase[0] == 2) {
					client.busy = false;
					return;
				}
				client.sentAtNanos = System.nanoTime();
				client.send(EVENT_WITH_ACK, client.nextAckId, bodies.apply(client));
				client.nextAckId++;
			}
		};
		Fleet fleet = fleets.apply(listener);
		await(fleet.open(), Duration.ofSeconds(60));
		onLoop(() -> {
			for (WsClient client : fleet.clients()) {
				if (client.isConnected()) {
					client.busy = true;
					client.sentAtNanos = System.nanoTime();
					client.send(EVENT_WITH_ACK, client.nextAckId, bodies.apply(client));
					client.nextAckId++;
				}
			}
			return null;
		});
		Thread.sleep(warmup.toMillis());
		long start = onLoop(() -> {
			phase[0] = 1;
			return System.nanoTime();
		});
		ProcStats.CpuMeter cpu = new ProcStats.CpuMeter(server.pid(), this.selfPid);
		Thread.sleep(measure.toMillis());
		long end = onLoop(() -> {
			phase[0] = 2;
			return System.nanoTime();
		});
		double[] cores = cpu.stop();
		Histogram measured = onLoop(latency::copy);
		long count = onLoop(() -> acks[0]);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("clients", onLoop(fleet::connected));
		result.put("seconds", (end - start) / 1e9);
		result.put("acks", count);
		result.put("acks_per_s", count / ((end - start) / 1e9));
		putLatency(result, measured, "us");
		putCpu(result, cpu, cores, 1, count);
		result.put("lost", onLoop(fleet::lost));
		Thread.sleep(200);
		await(fleet.closeAll(), Duration.ofSeconds(60));
		return result;
	}

	// 3. fan-out, and 4. cluster: a room of receivers, bench-broadcast from one more client (on another node)

	Map<String, Object> fanOut(Server receivers, Server sender, int clients, int count, int payloadSize,
			Duration timeout) throws Exception {
		String room = "fan";
		Round round = new Round(clients);
		Fleet fleet = new Fleet(this.net, HOST, receivers.port(), clients, 100, round);
		await(fleet.open(), Duration.ofSeconds(120));
		int connected = onLoop(fleet::connected);
		if (connected < clients) {
			throw new IllegalStateException("only " + connected + " of " + clients + " receivers connected");
		}
		byte[] join = ("[\"join\",\"" + room + "\"]").getBytes(StandardCharsets.US_ASCII);
		onLoop(() -> {
			for (WsClient client : fleet.clients()) {
				client.send(EVENT_WITH_ACK, client.nextAckId++, join);
			}
			return null;
		});
		await(round.joined, Duration.ofSeconds(60));
		Fleet senderFleet = new Fleet(this.net, HOST, sender.port(), 1, 1, round);
		await(senderFleet.open(), Duration.ofSeconds(30));
		WsClient senderClient = onLoop(() -> senderFleet.clients().get(0));
		// a warm-up round a tenth of the size, then the measured one
		if (!runRound(round, senderClient, room, Math.max(count / 10, 10), payloadSize, timeout)) {
			throw new IllegalStateException("the warm-up round did not complete in " + timeout);
		}
		long[] pids = receivers == sender ? new long[] { receivers.pid(), this.selfPid }
				: new long[] { receivers.pid(), sender.pid(), this.selfPid };
		ProcStats.CpuMeter cpu = new ProcStats.CpuMeter(pids);
		boolean complete = runRound(round, senderClient, room, count, payloadSize, timeout);
		double[] cores = cpu.stop();
		// the acknowledgement may come after the last message: give it a moment
		for (int i = 0; i < 50 && complete && onLoop(() -> round.ackNanos) == 0; i++) {
			Thread.sleep(100);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		onLoop(() -> {
			long delivered = round.delivered;
			double seconds = ((complete ? round.lastNanos : System.nanoTime()) - round.startNanos) / 1e9;
			result.put("clients", clients);
			result.put("messages", count);
			result.put("payload_bytes", payloadSize);
			result.put("complete", complete);
			result.put("delivered", delivered);
			result.put("expected", (long) clients * count);
			result.put("seconds_to_last", seconds);
			result.put("delivered_per_s", delivered / seconds);
			result.put("ack_ms", (round.ackNanos > 0) ? (round.ackNanos - round.startNanos) / 1e6 : -1);
			putLatency(result, round.latencyMs, "ms");
			return null;
		});
		putCpu(result, cpu, cores, pids.length - 1, ((Number) result.get("delivered")).longValue());
		if (pids.length == 3) {
			result.put("server_a_cpu", cores[0]);
			result.put("server_b_cpu", cores[1]);
		}
		result.put("lost", onLoop(fleet::lost));
		await(senderFleet.closeAll(), Duration.ofSeconds(30));
		await(fleet.closeAll(), Duration.ofSeconds(60));
		return result;
	}

	private boolean runRound(Round round, WsClient sender, String room, int count, int payloadSize, Duration timeout)
			throws Exception {
		byte[] request = ("[\"bench-broadcast\",\"" + room + "\"," + count + "," + payloadSize + "]")
			.getBytes(StandardCharsets.US_ASCII);
		CompletableFuture<Void> done = onLoop(() -> {
			CompletableFuture<Void> future = round.reset(count);
			round.startNanos = System.nanoTime();
			round.senderAckId = sender.nextAckId;
			sender.send(EVENT_WITH_ACK, sender.nextAckId++, request);
			return future;
		});
		try {
			done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
	}

	/** Bookkeeping of one broadcast round, on the event loop. */
	static final class Round implements WsClient.Listener {

		private final int clients;

		final CompletableFuture<Void> joined = new CompletableFuture<>();

		private int joinedCount;

		private int expected;

		private int done;

		private CompletableFuture<Void> finished = new CompletableFuture<>();

		final Histogram latencyMs = new Histogram(TimeUnit.HOURS.toMillis(1), 3);

		long startNanos;

		long lastNanos;

		long ackNanos;

		long senderAckId = -1;

		long delivered;

		Round(int clients) {
			this.clients = clients;
		}

		CompletableFuture<Void> reset(int expected) {
			this.expected = expected;
			this.done = 0;
			this.ackNanos = 0;
			this.delivered = 0;
			this.latencyMs.reset();
			this.finished = new CompletableFuture<>();
			return this.finished;
		}

		@Override
		public void onConnected(WsClient client) {
			client.counter = 0;
		}

		@Override
		public void onAck(WsClient client, long id, ByteBuf buf, int index, int length) {
			if (!this.joined.isDone()) {
				if (++this.joinedCount == this.clients) {
					this.joined.complete(null);
				}
			}
			else if (id == this.senderAckId) {
				this.ackNanos = System.nanoTime();
			}
		}

		@Override
		public void onEvent(WsClient client, ByteBuf buf, int index, int length) {
			// ["m",{"seq":N,"ts":T,"pad":"..."},"<offset>"]
			if (length < 6 || buf.getByte(index + 2) != 'm' || buf.getByte(index + 3) != '"') {
				return;
			}
			long ts = timestamp(buf, index, length);
			if (ts > 0) {
				this.latencyMs.recordValue(Math.max(0, System.currentTimeMillis() - ts));
			}
			this.delivered++;
			if (++client.counter == this.expected) {
				client.counter = 0;
				this.done++;
				if (this.done == this.clients) {
					this.lastNanos = System.nanoTime();
					this.finished.complete(null);
				}
			}
		}

	}

	/** Finds {@code "ts":<digits>} near the start of a message. */
	static long timestamp(ByteBuf buf, int index, int length) {
		int end = Math.min(index + length, index + 64) - 5;
		for (int i = index; i < end; i++) {
			if (buf.getByte(i) == '"' && buf.getByte(i + 1) == 't' && buf.getByte(i + 2) == 's'
					&& buf.getByte(i + 3) == '"' && buf.getByte(i + 4) == ':') {
				long value = 0;
				for (int j = i + 5; j < index + length; j++) {
					byte digit = buf.getByte(j);
					if (digit < '0' || digit > '9') {
						break;
					}
					value = value * 10 + (digit - '0');
				}
				return value;
			}
		}
		return -1;
	}

	// 5. polling: acknowledged echoes over HTTP long-polling only

	Map<String, Object> polling(Server server, int clients, int payloadSize, Duration warmup, Duration measure)
			throws Exception {
		byte[] body = ("[\"echo\",\"" + "x".repeat(payloadSize) + "\"]").getBytes(StandardCharsets.US_ASCII);
		Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		long[] acks = new long[1];
		int[] phase = { 0 };
		int[] connected = { 0 };
		int[] closed = { 0 };
		CompletableFuture<Void> allConnected = new CompletableFuture<>();
		List<PollingClient> all = new ArrayList<>();
		PollingClient.Listener listener = new PollingClient.Listener() {
			@Override
			public void onConnected(PollingClient client) {
				if (++connected[0] == clients) {
					allConnected.complete(null);
				}
			}

			@Override
			public void onAck(PollingClient client, long id) {
				if (id != client.nextAckId - 1) {
					return;
				}
				if (phase[0] == 1) {
					latency.recordValue(Math.max(0, (System.nanoTime() - client.sentAtNanos) / 1000));
					acks[0]++;
				}
				if (phase[0] == 2) {
					return;
				}
				client.sentAtNanos = System.nanoTime();
				client.send(EVENT_WITH_ACK, client.nextAckId++, body);
			}

			@Override
			public void onClosed(PollingClient client) {
				closed[0]++;
				if (!allConnected.isDone() && connected[0] + closed[0] >= clients) {
					allConnected.complete(null);
				}
			}
		};
		onLoop(() -> {
			for (int i = 0; i < clients; i++) {
				PollingClient client = new PollingClient(this.net, HOST, server.port(), listener);
				all.add(client);
				client.start();
			}
			return null;
		});
		await(allConnected, Duration.ofSeconds(60));
		onLoop(() -> {
			for (PollingClient client : all) {
				if (client.isConnected()) {
					client.sentAtNanos = System.nanoTime();
					client.send(EVENT_WITH_ACK, client.nextAckId++, body);
				}
			}
			return null;
		});
		Thread.sleep(warmup.toMillis());
		long start = onLoop(() -> {
			phase[0] = 1;
			return System.nanoTime();
		});
		ProcStats.CpuMeter cpu = new ProcStats.CpuMeter(server.pid(), this.selfPid);
		Thread.sleep(measure.toMillis());
		long end = onLoop(() -> {
			phase[0] = 2;
			return System.nanoTime();
		});
		double[] cores = cpu.stop();
		Map<String, Object> result = new LinkedHashMap<>();
		long count = onLoop(() -> acks[0]);
		result.put("clients", onLoop(() -> connected[0]));
		result.put("payload_bytes", payloadSize);
		result.put("seconds", (end - start) / 1e9);
		result.put("acks", count);
		result.put("acks_per_s", count / ((end - start) / 1e9));
		putLatency(result, onLoop(latency::copy), "us");
		putCpu(result, cpu, cores, 1, count);
		result.put("closed_early", onLoop(() -> closed[0]));
		Thread.sleep(300);
		onLoop(() -> {
			all.forEach(PollingClient::close);
			return null;
		});
		Thread.sleep(500);
		return result;
	}

	// the cluster probe: does a broadcast from node B reach a client on node A?

	boolean clusterWorks(Server a, Server b, Duration timeout) throws Exception {
		CompletableFuture<Void> received = new CompletableFuture<>();
		CompletableFuture<Void> joined = new CompletableFuture<>();
		byte[] join = "[\"join\",\"probe\"]".getBytes(StandardCharsets.US_ASCII);
		Fleet receiver = new Fleet(this.net, HOST, a.port(), 1, 1, new WsClient.Listener() {
			@Override
			public void onConnected(WsClient client) {
				client.send(EVENT_WITH_ACK, client.nextAckId++, join);
			}

			@Override
			public void onAck(WsClient client, long id, ByteBuf buf, int index, int length) {
				joined.complete(null);
			}

			@Override
			public void onEvent(WsClient client, ByteBuf buf, int index, int length) {
				if (buf.toString(index, length, StandardCharsets.UTF_8).startsWith("[\"message\",\"probe\"")) {
					received.complete(null);
				}
			}
		});
		Fleet sender = new Fleet(this.net, HOST, b.port(), 1, 1, new WsClient.Listener() {
		});
		try {
			await(receiver.open(), Duration.ofSeconds(10));
			await(joined, Duration.ofSeconds(10));
			await(sender.open(), Duration.ofSeconds(10));
			byte[] broadcast = "[\"broadcast\",\"probe\",\"probe\"]".getBytes(StandardCharsets.US_ASCII);
			long deadline = System.nanoTime() + timeout.toNanos();
			// the nodes may still be discovering each other: ask again until the deadline
			while (System.nanoTime() < deadline) {
				onLoop(() -> {
					WsClient client = sender.clients().get(0);
					client.send(EVENT_WITH_ACK, client.nextAckId++, broadcast);
					return null;
				});
				try {
					received.get(500, TimeUnit.MILLISECONDS);
					return true;
				}
				catch (TimeoutException ex) {
					// again
				}
			}
			return false;
		}
		finally {
			await(receiver.closeAll(), Duration.ofSeconds(10));
			await(sender.closeAll(), Duration.ofSeconds(10));
		}
	}

	// helpers

	/**
	 * CPU figures of an interval: cores used by the server(s) and the load generator, the server's CPU time per
	 * operation (robust to other load on the machine), and the share of the interval each waited for a CPU.
	 */
	static void putCpu(Map<String, Object> result, ProcStats.CpuMeter cpu, double[] cores, int servers,
			long operations) {
		double serverCores = 0;
		double serverSeconds = 0;
		double serverWaited = 0;
		for (int i = 0; i < servers; i++) {
			serverCores += cores[i];
			serverSeconds += cpu.seconds(i);
			serverWaited += cpu.waitedShare(i);
		}
		result.put("server_cpu", serverCores);
		result.put("loadgen_cpu", cores[servers]);
		result.put("server_cpu_us_per_op", (operations > 0) ? serverSeconds * 1e6 / operations : -1);
		result.put("server_waited_for_cpu", serverWaited);
		result.put("loadgen_waited_for_cpu", cpu.waitedShare(servers));
	}

	static void putLatency(Map<String, Object> result, Histogram histogram, String unit) {
		result.put("latency_unit", unit);
		result.put("p50", (double) histogram.getValueAtPercentile(50));
		result.put("p99", (double) histogram.getValueAtPercentile(99));
		result.put("p99_9", (double) histogram.getValueAtPercentile(99.9));
		result.put("max", (double) histogram.getMaxValue());
		result.put("mean", histogram.getMean());
	}

	<T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
		return this.net.loop().submit(task).get(30, TimeUnit.SECONDS);
	}

	static void await(CompletableFuture<?> future, Duration timeout) throws Exception {
		try {
			future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("timed out after " + timeout, ex);
		}
	}

}
