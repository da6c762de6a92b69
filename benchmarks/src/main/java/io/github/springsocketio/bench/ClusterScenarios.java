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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.springsocketio.bench.load.Fleet;
import io.github.springsocketio.bench.load.WsClient;
import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenarios of a cluster of several nodes on one Redis, each against nodes already started: receivers spread
 * over the nodes, broadcasts asked on the first node. Results are flat maps of numbers, as in {@link Scenarios};
 * per-node figures are keyed {@code node<i>_...}, node 0 being the one the broadcasts are asked on.
 */
final class ClusterScenarios {

	private static final String HOST = Scenarios.HOST;

	private static final byte[] EVENT_WITH_ACK = Scenarios.EVENT_WITH_ACK;

	private final Scenarios scenarios;

	private final long selfPid = ProcessHandle.current().pid();

	ClusterScenarios(Scenarios scenarios) {
		this.scenarios = scenarios;
	}

	// 1. throughput: bench-broadcast(room, count, payload) on node 0 to a room with members on every node

	/**
	 * {@code clients} receivers spread evenly over the nodes join one room; a client of node 0 asks
	 * {@code bench-broadcast(room, count, payloadSize)} (after a warm-up round a tenth of the size): delivered
	 * messages per second until the last receiver has all, and latency from the {@code ts} (ms clock) each message
	 * carries, overall and per node.
	 */
	Map<String, Object> throughput(List<Server> nodes, int clients, int count, int payloadSize, Duration timeout)
			throws Exception {
		String room = "fan";
		Scenarios.Round round = new Scenarios.Round(clients);
		List<Tap> taps = new ArrayList<>();
		List<Fleet> fleets = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++) {
			Tap tap = new Tap(round);
			taps.add(tap);
			fleets.add(new Fleet(this.scenarios.net(), HOST, nodes.get(i).port(), share(clients, nodes.size(), i), 100,
					tap));
		}
		try {
			openAndJoin(fleets, (node, client) -> room, round.joined, clients);
			Fleet senderFleet = new Fleet(this.scenarios.net(), HOST, nodes.get(0).port(), 1, 1, round);
			Scenarios.await(senderFleet.open(), Duration.ofSeconds(30));
			WsClient sender = onLoop(() -> senderFleet.clients().get(0));
			if (!runRound(round, taps, sender, room, Math.max(count / 10, 10), payloadSize, timeout)) {
				throw new IllegalStateException("the warm-up round did not complete in " + timeout);
			}
			ProcStats.CpuMeter cpu = new ProcStats.CpuMeter(pids(nodes));
			boolean complete = runRound(round, taps, sender, room, count, payloadSize, timeout);
			double[] cores = cpu.stop();
			// the acknowledgement may come after the last message: give it a moment
			for (int i = 0; i < 50 && complete && onLoop(() -> round.ackNanos) == 0; i++) {
				Thread.sleep(100);
			}
			Map<String, Object> result = new LinkedHashMap<>();
			onLoop(() -> {
				long delivered = round.delivered;
				double seconds = ((complete ? round.lastNanos : System.nanoTime()) - round.startNanos) / 1e9;
				result.put("nodes", nodes.size());
				result.put("clients", clients);
				result.put("messages", count);
				result.put("payload_bytes", payloadSize);
				result.put("complete", complete);
				result.put("delivered", delivered);
				result.put("expected", (long) clients * count);
				result.put("seconds_to_last", seconds);
				result.put("delivered_per_s", delivered / seconds);
				result.put("ack_ms", (round.ackNanos > 0) ? (round.ackNanos - round.startNanos) / 1e6 : -1);
				Scenarios.putLatency(result, round.latencyMs, "ms");
				Histogram remote = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
				for (int i = 0; i < taps.size(); i++) {
					Tap tap = taps.get(i);
					result.put("node" + i + "_delivered", tap.delivered);
					result.put("node" + i + "_p50", (double) tap.latencyMs.getValueAtPercentile(50));
					result.put("node" + i + "_p99", (double) tap.latencyMs.getValueAtPercentile(99));
					if (i > 0) {
						remote.add(tap.latencyMs);
					}
				}
				result.put("remote_p50", (double) remote.getValueAtPercentile(50));
				result.put("remote_p99", (double) remote.getValueAtPercentile(99));
				return null;
			});
			putCpu(result, cpu, cores, nodes.size(), ((Number) result.get("delivered")).longValue());
			result.put("lost", lost(fleets));
			Scenarios.await(senderFleet.closeAll(), Duration.ofSeconds(30));
			return result;
		}
		finally {
			closeAll(fleets);
		}
	}

	private boolean runRound(Scenarios.Round round, List<Tap> taps, WsClient sender, String room, int count,
			int payloadSize, Duration timeout) throws Exception {
		byte[] request = ("[\"bench-broadcast\",\"" + room + "\"," + count + "," + payloadSize + "]")
			.getBytes(StandardCharsets.US_ASCII);
		CompletableFuture<Void> done = onLoop(() -> {
			CompletableFuture<Void> future = round.reset(count);
			taps.forEach(Tap::reset);
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

	/** One node's receivers in a {@link Scenarios.Round}: its deliveries and their latency, besides the round's. */
	private static final class Tap implements WsClient.Listener {

		private final Scenarios.Round round;

		final Histogram latencyMs = new Histogram(TimeUnit.HOURS.toMillis(1), 3);

		long delivered;

		Tap(Scenarios.Round round) {
			this.round = round;
		}

		void reset() {
			this.latencyMs.reset();
			this.delivered = 0;
		}

		@Override
		public void onConnected(WsClient client) {
			this.round.onConnected(client);
		}

		@Override
		public void onAck(WsClient client, long id, ByteBuf buf, int index, int length) {
			this.round.onAck(client, id, buf, index, length);
		}

		@Override
		public void onEvent(WsClient client, ByteBuf buf, int index, int length) {
			long before = this.round.delivered;
			this.round.onEvent(client, buf, index, length);
			if (this.round.delivered != before) {
				this.delivered++;
				long ts = Scenarios.timestamp(buf, index, length);
				if (ts > 0) {
					this.latencyMs.recordValue(Math.max(0, System.currentTimeMillis() - ts));
				}
			}
		}

	}

	// 2. fixed rate: broadcasts at a steady rate, latency from the moment each was due

	/**
	 * {@code clients} receivers spread evenly over the nodes join one room; a client of node 0 sends
	 * {@code broadcast(room, payload)} at {@code rate} per second, warm-up then measured: end-to-end latency in
	 * microseconds from the moment each broadcast was due to be sent (so a late sender counts against the
	 * latency, not for it) to its receipt, overall and for the receivers of the other nodes.
	 */
	Map<String, Object> fixedRate(List<Server> nodes, int clients, int rate, Duration warmup, Duration measure,
			int payloadSize) throws Exception {
		List<List<String>> rooms = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++) {
			rooms.add(List.of("fixed"));
		}
		Map<String, Object> result = paced(nodes, clients, rooms, List.of("fixed"), rate, warmup, measure,
				payloadSize, -1);
		result.put("clients", clients);
		return result;
	}

	// 3. room-local traffic: rooms whose members are all on one node, broadcasts to each in turn

	/**
	 * {@code roomsPerNode} rooms per node, each with members on that node only ({@code clients} spread evenly over
	 * the nodes and their rooms); a client of node 0 sends {@code broadcast(room, payload)} at {@code rate} per
	 * second to every room in turn. Reported: what each node read from Redis over the measured interval, in bytes
	 * (from the kernel's counts) and in broadcasts of other nodes its adapter handled, each per broadcast sent,
	 * next to the deliveries and their latency.
	 */
	Map<String, Object> roomLocal(List<Server> nodes, int clients, int roomsPerNode, int rate, Duration warmup,
			Duration measure, int payloadSize, int redisPort) throws Exception {
		// no room without members: a broadcast to it would measure nothing
		int roomsOfNode = Math.max(1, Math.min(roomsPerNode, clients / nodes.size()));
		List<List<String>> rooms = new ArrayList<>();
		List<String> all = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++) {
			List<String> local = new ArrayList<>();
			for (int r = 0; r < roomsOfNode; r++) {
				local.add("local-" + i + "-" + r);
			}
			rooms.add(local);
		}
		// the broadcasts go to the rooms of node 0, 1, 2, 0, 1, 2, ...: each node's rooms get an equal share
		for (int r = 0; r < roomsOfNode; r++) {
			for (List<String> local : rooms) {
				all.add(local.get(r));
			}
		}
		Map<String, Object> result = paced(nodes, clients, rooms, all, rate, warmup, measure, payloadSize,
				redisPort);
		result.put("clients", clients);
		result.put("rooms_per_node", roomsOfNode);
		return result;
	}

	/**
	 * The receivers of node {@code i} join {@code rooms.get(i)} (client {@code j} of the node the room
	 * {@code j % size}); broadcasts go to {@code targets} in turn; with {@code redisPort} >= 0 the reads from Redis
	 * are measured too.
	 */
	private Map<String, Object> paced(List<Server> nodes, int clients, List<List<String>> rooms, List<String> targets,
			int rate, Duration warmup, Duration measure, int payloadSize, int redisPort) throws Exception {
		CompletableFuture<Void> joined = new CompletableFuture<>();
		Stamps[] stamps = new Stamps[nodes.size()];
		int[] joins = { 0 };
		List<Fleet> fleets = new ArrayList<>();
		long[] membersPerTarget = new long[targets.size()];
		for (int i = 0; i < nodes.size(); i++) {
			int size = share(clients, nodes.size(), i);
			stamps[i] = new Stamps(joins, clients, joined);
			fleets.add(new Fleet(this.scenarios.net(), HOST, nodes.get(i).port(), size, 100, stamps[i]));
			for (int j = 0; j < size; j++) {
				membersPerTarget[targets.indexOf(rooms.get(i).get(j % rooms.get(i).size()))]++;
			}
		}
		try {
			openAndJoin(fleets, (node, client) -> rooms.get(node).get(client % rooms.get(node).size()), joined,
					clients);
			// a node's subscription to a room's channel may take effect a moment after the join was acknowledged
			Thread.sleep(500);
			Fleet senderFleet = new Fleet(this.scenarios.net(), HOST, nodes.get(0).port(), 1, 1,
					new WsClient.Listener() {
					});
			Scenarios.await(senderFleet.open(), Duration.ofSeconds(30));
			WsClient sender = onLoop(() -> senderFleet.clients().get(0));
			String pad = "x".repeat(payloadSize);
			long period = TimeUnit.SECONDS.toNanos(1) / rate;
			int warmupCount = (int) (warmup.toNanos() / period);
			int measuredCount = (int) (measure.toNanos() / period);
			Duration bound = measure.plus(warmup).plus(Duration.ofSeconds(30));
			if (warmupCount > 0) {
				pace(sender, targets, membersPerTarget, warmupCount, period, pad, bound).get();
				// the warm-up's last broadcasts are still on their way: keep them out of the measured figures
				Thread.sleep(300);
			}
			Map<Long, Long> readsBefore = (redisPort >= 0) ? RedisReads.bytesReceived(redisPort) : Map.of();
			double[] metersBefore = new double[nodes.size()];
			for (int i = 0; i < nodes.size() && redisPort >= 0; i++) {
				metersBefore[i] = broadcastsReceived(nodes.get(i));
			}
			onLoop(() -> {
				long measureFrom = System.nanoTime();
				for (Stamps node : stamps) {
					node.measureFrom = measureFrom;
				}
				return null;
			});
			ProcStats.CpuMeter cpu = new ProcStats.CpuMeter(pids(nodes));
			long expected = pace(sender, targets, membersPerTarget, measuredCount, period, pad, bound).get();
			// the last broadcasts are still on their way: wait for them, at most a few seconds
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (System.nanoTime() < deadline && onLoop(() -> delivered(stamps) < expected)) {
				Thread.sleep(20);
			}
			double[] cores = cpu.stop();
			Map<Long, Long> readsAfter = (redisPort >= 0) ? RedisReads.bytesReceived(redisPort) : Map.of();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("nodes", nodes.size());
			result.put("rate_per_s", rate);
			result.put("measured_seconds", measure.toMillis() / 1000.0);
			result.put("broadcasts", measuredCount);
			result.put("payload_bytes", payloadSize);
			onLoop(() -> {
				Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
				Histogram remote = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
				for (int i = 0; i < stamps.length; i++) {
					all.add(stamps[i].latencyUs);
					if (i > 0) {
						remote.add(stamps[i].latencyUs);
					}
					result.put("node" + i + "_delivered", stamps[i].delivered);
				}
				result.put("delivered", delivered(stamps));
				result.put("expected", expected);
				Scenarios.putLatency(result, all, "us");
				result.put("remote_p50", (double) remote.getValueAtPercentile(50));
				result.put("remote_p99", (double) remote.getValueAtPercentile(99));
				result.put("remote_p99_9", (double) remote.getValueAtPercentile(99.9));
				return null;
			});
			putCpu(result, cpu, cores, nodes.size(), ((Number) result.get("delivered")).longValue());
			if (redisPort >= 0) {
				putReads(result, nodes, readsBefore, readsAfter, metersBefore, measuredCount);
			}
			result.put("lost", lost(fleets));
			Scenarios.await(senderFleet.closeAll(), Duration.ofSeconds(30));
			return result;
		}
		finally {
			closeAll(fleets);
		}
	}

	/**
	 * Sends {@code count} broadcasts from {@code sender}, one every {@code period} nanoseconds, to {@code targets}
	 * in turn, each stamped {@code "t<nanoTime it was due>-<pad>"}.
	 * @return completes with the deliveries expected (the members of the rooms sent to) once all are sent, or
	 * exceptionally after {@code bound}
	 */
	private CompletableFuture<Long> pace(WsClient sender, List<String> targets, long[] membersPerTarget, int count,
			long period, String pad, Duration bound) {
		CompletableFuture<Long> done = new CompletableFuture<>();
		long start = System.nanoTime();
		long[] sentAndExpected = { 0, 0 };
		ScheduledFuture<?> pacer = sender.channel().eventLoop().scheduleAtFixedRate(() -> {
			long i = sentAndExpected[0];
			if (i >= count) {
				done.complete(sentAndExpected[1]);
				return;
			}
			int target = (int) (i % targets.size());
			byte[] body = ("[\"broadcast\",\"" + targets.get(target) + "\",\"t" + (start + i * period) + "-" + pad
					+ "\"]")
				.getBytes(StandardCharsets.US_ASCII);
			sender.send(EVENT_WITH_ACK, sender.nextAckId++, body);
			sentAndExpected[0]++;
			sentAndExpected[1] += membersPerTarget[target];
		}, 0, period, TimeUnit.NANOSECONDS);
		return done.orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((expected, error) -> pacer.cancel(false));
	}

	private static long delivered(Stamps[] stamps) {
		long sum = 0;
		for (Stamps node : stamps) {
			sum += node.delivered;
		}
		return sum;
	}

	/**
	 * Bytes each node read from Redis over the interval, and the broadcasts of other nodes its adapter handled, in
	 * all and per broadcast sent.
	 */
	private void putReads(Map<String, Object> result, List<Server> nodes, Map<Long, Long> before,
			Map<Long, Long> after, double[] metersBefore, long broadcasts) {
		long total = 0;
		double messages = 0;
		int counted = 0;
		for (int i = 0; i < nodes.size(); i++) {
			Server node = nodes.get(i);
			long bytes = after.getOrDefault(node.pid(), 0L) - before.getOrDefault(node.pid(), 0L);
			total += bytes;
			result.put("node" + i + "_read_bytes", bytes);
			result.put("node" + i + "_read_bytes_per_broadcast", bytes / (double) Math.max(broadcasts, 1));
			double meter = broadcastsReceived(node);
			if (meter >= 0 && metersBefore[i] >= 0) {
				double perBroadcast = (meter - metersBefore[i]) / Math.max(broadcasts, 1);
				result.put("node" + i + "_messages_received_per_broadcast", perBroadcast);
				messages += perBroadcast;
				counted++;
			}
		}
		result.put("read_bytes_per_broadcast", total / (double) Math.max(broadcasts, 1));
		if (counted == nodes.size()) {
			result.put("messages_received_per_broadcast", messages);
		}
	}

	/**
	 * @return the broadcasts of other nodes a node's adapter handled so far: a Java node's
	 * {@code socketio.adapter.messages.received} meter (type {@code BROADCAST}, from its metrics endpoint), a
	 * Node.js node's count of the same (from {@code /bench/adapter-received} of the reference server); -1 when it
	 * cannot be read
	 */
	private static double broadcastsReceived(Server node) {
		boolean java = node.kind().equals("java");
		String path = java ? "/actuator/metrics/socketio.adapter.messages.received?tag=type:BROADCAST"
				: "/bench/adapter-received";
		try {
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(2))
				.build();
			HttpResponse<String> response = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
				.timeout(Duration.ofSeconds(5))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return -1;
			}
			JsonNode body = JsonMapper.builder().build().readTree(response.body());
			if (!java) {
				return body.path("counted").asBoolean(false) ? body.path("broadcast").asDouble(-1) : -1;
			}
			JsonNode measurements = body.path("measurements");
			return measurements.isArray() && !measurements.isEmpty() ? measurements.get(0).path("value").asDouble(-1)
					: -1;
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/** One node's receivers of broadcasts stamped {@code "t<nanoTime due>-..."}: deliveries and latency. */
	private static final class Stamps implements WsClient.Listener {

		private static final byte[] MESSAGE = "[\"message\",\"t".getBytes(StandardCharsets.US_ASCII);

		private final int[] joins;

		private final int clients;

		private final CompletableFuture<Void> joined;

		final Histogram latencyUs = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);

		long measureFrom = Long.MAX_VALUE;

		long delivered;

		Stamps(int[] joins, int clients, CompletableFuture<Void> joined) {
			this.joins = joins;
			this.clients = clients;
			this.joined = joined;
		}

		@Override
		public void onAck(WsClient client, long id, ByteBuf buf, int index, int length) {
			if (!this.joined.isDone() && ++this.joins[0] == this.clients) {
				this.joined.complete(null);
			}
		}

		@Override
		public void onEvent(WsClient client, ByteBuf buf, int index, int length) {
			if (length < MESSAGE.length) {
				return;
			}
			for (int i = 0; i < MESSAGE.length; i++) {
				if (buf.getByte(index + i) != MESSAGE[i]) {
					return;
				}
			}
			long due = 0;
			for (int i = index + MESSAGE.length; i < index + length; i++) {
				byte digit = buf.getByte(i);
				if (digit < '0' || digit > '9') {
					break;
				}
				due = due * 10 + (digit - '0');
			}
			if (due >= this.measureFrom) {
				this.delivered++;
				long micros = Math.max(0, (System.nanoTime() - due) / 1000);
				this.latencyUs.recordValue(Math.min(micros, this.latencyUs.getHighestTrackableValue()));
			}
		}

	}

	// helpers

	/** Opens the fleets, then has each client join its room; returns once every join was acknowledged. */
	private void openAndJoin(List<Fleet> fleets, RoomOf roomOf, CompletableFuture<Void> joined, int clients)
			throws Exception {
		for (Fleet fleet : fleets) {
			Scenarios.await(fleet.open(), Duration.ofSeconds(120));
		}
		int connected = onLoop(() -> fleets.stream().mapToInt(Fleet::connected).sum());
		if (connected < clients) {
			throw new IllegalStateException("only " + connected + " of " + clients + " receivers connected");
		}
		onLoop(() -> {
			for (int node = 0; node < fleets.size(); node++) {
				List<WsClient> clientsOfNode = fleets.get(node).clients();
				for (int i = 0; i < clientsOfNode.size(); i++) {
					byte[] join = ("[\"join\",\"" + roomOf.room(node, i) + "\"]").getBytes(StandardCharsets.US_ASCII);
					clientsOfNode.get(i).send(EVENT_WITH_ACK, clientsOfNode.get(i).nextAckId++, join);
				}
			}
			return null;
		});
		Scenarios.await(joined, Duration.ofSeconds(60));
	}

	/** Which room client {@code client} of node {@code node} joins. */
	private interface RoomOf {

		String room(int node, int client);

	}

	/** Node {@code i}'s share of {@code clients} spread over {@code nodes}: the first ones get one more. */
	private static int share(int clients, int nodes, int i) {
		return clients / nodes + ((i < clients % nodes) ? 1 : 0);
	}

	private long[] pids(List<Server> nodes) {
		long[] pids = new long[nodes.size() + 1];
		for (int i = 0; i < nodes.size(); i++) {
			pids[i] = nodes.get(i).pid();
		}
		pids[nodes.size()] = this.selfPid;
		return pids;
	}

	/** The totals of {@link Scenarios#putCpu}, and each node's cores. */
	private static void putCpu(Map<String, Object> result, ProcStats.CpuMeter cpu, double[] cores, int nodes,
			long operations) {
		Scenarios.putCpu(result, cpu, cores, nodes, operations);
		for (int i = 0; i < nodes; i++) {
			result.put("node" + i + "_cpu", cores[i]);
		}
	}

	private int lost(List<Fleet> fleets) throws Exception {
		return onLoop(() -> fleets.stream().mapToInt(Fleet::lost).sum());
	}

	private static void closeAll(List<Fleet> fleets) throws Exception {
		for (Fleet fleet : fleets) {
			Scenarios.await(fleet.closeAll(), Duration.ofSeconds(60));
		}
	}

	private <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
		return this.scenarios.onLoop(task);
	}

}
