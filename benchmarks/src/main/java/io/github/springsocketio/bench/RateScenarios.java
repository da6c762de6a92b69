package io.github.springsocketio.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.springsocketio.bench.load.Fleet;
import io.github.springsocketio.bench.load.WsClient;
import io.netty.buffer.ByteBuf;
import org.HdrHistogram.Histogram;

/**
 * The scenarios at a fixed rate, the way real deployments load a server (rather than as fast as it goes): the
 * senders send on a schedule, open loop, and what is measured is how late each message arrives. Every message
 * carries {@code "ts"}, the load generator's clock (microseconds since the scenario began) when it was sent: the
 * latency is from the sender's emit to each receiver's read, server inbound and outbound included.
 *
 * <ul>
 * <li>{@code fanout-rate}: one client asks {@code broadcast(room, {ts, pad})} at a fixed rate; every member of the
 * room (the other clients) gets {@code message({ts, pad})}.</li>
 * <li>{@code chat}: rooms of {@link #ROOM_SIZE} clients; every member asks {@code relay(room, {ts, pad})} at a
 * fixed rate, which the server sends to the room's other members ({@code socket.to(room)}).</li>
 * </ul>
 */
final class RateScenarios {

	/** Members of each chat room. */
	static final int ROOM_SIZE = 10;

	private static final String HOST = "127.0.0.1";

	private final Scenarios scenarios;

	private final long selfPid = ProcessHandle.current().pid();

	RateScenarios(Scenarios scenarios) {
		this.scenarios = scenarios;
	}

	/** The sizes of the fixed-rate scenarios in one pass. */
	record Sizes(int fanOutClients, double fanOutRate, int chatClients, double chatRatePerClient, int payloadBytes,
			Duration warmup, Duration measure, Duration drain) {

		static Sizes full() {
			// a warm-up as long as the recovery window of both servers (60 s): measured in the steady state, with
			// every event of the window kept and the clients' own start-up long past
			return new Sizes(1_000, 50, 1_000, 2, 100, Duration.ofSeconds(60), Duration.ofSeconds(10),
					Duration.ofSeconds(10));
		}

		static Sizes smoke() {
			return new Sizes(50, 50, 50, 2, 100, Duration.ofMillis(500), Duration.ofSeconds(2),
					Duration.ofSeconds(5));
		}

		/**
		 * The sizes of a plan ({@code smoke} or else {@code full}), with the {@code --fanout-rate},
		 * {@code --fanout-rate-clients}, {@code --chat-clients}, {@code --chat-rate}, {@code --rate-warmup} and
		 * {@code --rate-measure} (seconds) options applied.
		 */
		static Sizes of(String plan, Map<String, String> options) {
			Sizes base = plan.equals("smoke") ? smoke() : full();
			return new Sizes(
					Integer.parseInt(options.getOrDefault("fanout-rate-clients", String.valueOf(base.fanOutClients))),
					Double.parseDouble(options.getOrDefault("fanout-rate", String.valueOf(base.fanOutRate))),
					Integer.parseInt(options.getOrDefault("chat-clients", String.valueOf(base.chatClients))),
					Double.parseDouble(options.getOrDefault("chat-rate", String.valueOf(base.chatRatePerClient))),
					base.payloadBytes, seconds(options, "rate-warmup", base.warmup),
					seconds(options, "rate-measure", base.measure), base.drain);
		}

		private static Duration seconds(Map<String, String> options, String name, Duration otherwise) {
			String value = options.get(name);
			return (value != null) ? Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000)) : otherwise;
		}

	}

	/**
	 * {@code clients} receivers on {@code receivers} join one room; one more client, on {@code sender} (the same
	 * server, or another node of a cluster), asks for {@code broadcast} to that room {@code rate} times a second.
	 */
	Map<String, Object> fanOut(Server receivers, Server sender, Sizes sizes) throws Exception {
		String room = "fan-rate";
		Traffic traffic = new Traffic();
		Fleet fleet = openAndJoin(receivers, sizes.fanOutClients(), traffic, (index) -> room);
		Fleet senders = new Fleet(this.scenarios.net(), HOST, sender.port(), 1, 1, traffic);
		Scenarios.await(senders.open(), Duration.ofSeconds(30));
		int connected = this.scenarios.onLoop(fleet::connected);
		byte[] prefix = ("42[\"broadcast\",\"" + room + "\",{\"ts\":").getBytes(StandardCharsets.US_ASCII);
		List<WsClient> senderClients = this.scenarios.onLoop(() -> List.copyOf(senders.clients()));
		Map<String, Object> result = paced(receivers, sender, traffic, senderClients, sizes.fanOutRate(),
				(client) -> prefix, sizes, connected);
		result.put("clients", connected);
		result.put("rate_per_s", sizes.fanOutRate());
		Scenarios.await(senders.closeAll(), Duration.ofSeconds(30));
		Scenarios.await(fleet.closeAll(), Duration.ofSeconds(60));
		return result;
	}

	/**
	 * {@code clients} clients in rooms of {@link #ROOM_SIZE}; each asks for {@code relay} to its room
	 * {@code ratePerClient} times a second: each message reaches the nine other members.
	 */
	Map<String, Object> chat(Server server, Sizes sizes) throws Exception {
		int clients = Math.max(sizes.chatClients() / ROOM_SIZE, 1) * ROOM_SIZE;
		Traffic traffic = new Traffic();
		Fleet fleet = openAndJoin(server, clients, traffic, (index) -> "chat-" + (index / ROOM_SIZE));
		List<WsClient> members = this.scenarios.onLoop(() -> List.copyOf(fleet.clients()));
		// each member's packet prefix names its room: one per room, picked by the room index its counter keeps
		byte[][] prefixes = new byte[clients / ROOM_SIZE][];
		for (int i = 0; i < prefixes.length; i++) {
			prefixes[i] = ("42[\"relay\",\"chat-" + i + "\",{\"ts\":").getBytes(StandardCharsets.US_ASCII);
		}
		Map<String, Object> result = paced(server, server, traffic, members, clients * sizes.chatRatePerClient(),
				(client) -> prefixes[(int) client.counter], sizes, ROOM_SIZE - 1);
		result.put("clients", this.scenarios.onLoop(fleet::connected));
		result.put("room_size", ROOM_SIZE);
		result.put("rate_per_client_per_s", sizes.chatRatePerClient());
		Scenarios.await(fleet.closeAll(), Duration.ofSeconds(60));
		return result;
	}

	/**
	 * Opens {@code clients} clients and has each join the room {@code rooms} names for its index; each client's
	 * {@code counter} keeps the index of its chat room (index / {@link #ROOM_SIZE}).
	 */
	private Fleet openAndJoin(Server server, int clients, Traffic traffic, Function<Integer, String> rooms)
			throws Exception {
		Fleet fleet = new Fleet(this.scenarios.net(), HOST, server.port(), clients, 100, traffic);
		Scenarios.await(fleet.open(), Duration.ofSeconds(120));
		int connected = this.scenarios.onLoop(fleet::connected);
		if (connected < clients) {
			throw new IllegalStateException("only " + connected + " of " + clients + " clients connected");
		}
		CompletableFuture<Void> joined = this.scenarios.onLoop(() -> {
			List<WsClient> all = fleet.clients();
			for (int i = 0; i < all.size(); i++) {
				WsClient client = all.get(i);
				String room = rooms.apply(i);
				client.counter = i / ROOM_SIZE;
				client.send(new byte[] { '4', '2' }, client.nextAckId++,
						("[\"join\",\"" + room + "\"]").getBytes(StandardCharsets.US_ASCII));
			}
			return traffic.awaitAcks(all.size());
		});
		Scenarios.await(joined, Duration.ofSeconds(60));
		return fleet;
	}

	/**
	 * Sends for the warm-up, then for the measured interval (the server's CPU metered over it), stops, and waits at
	 * most {@code sizes.drain()} for the measured messages still on their way.
	 */
	private Map<String, Object> paced(Server receivers, Server sender, Traffic traffic, List<WsClient> senders,
			double rate, Function<WsClient, byte[]> prefixes, Sizes sizes, int receiversPerMessage) throws Exception {
		byte[] suffix = (",\"pad\":\"" + "x".repeat(sizes.payloadBytes()) + "\"}]").getBytes(StandardCharsets.US_ASCII);
		Pacer pacer = new Pacer(this.scenarios.net().loop(), senders, rate, (client) -> {
			byte[] prefix = prefixes.apply(client);
			byte[] ts = Long.toString(traffic.nowMicros()).getBytes(StandardCharsets.US_ASCII);
			byte[] packet = new byte[prefix.length + ts.length + suffix.length];
			System.arraycopy(prefix, 0, packet, 0, prefix.length);
			System.arraycopy(ts, 0, packet, prefix.length, ts.length);
			System.arraycopy(suffix, 0, packet, prefix.length + ts.length, suffix.length);
			client.send(packet);
		});
		this.scenarios.onLoop(() -> {
			pacer.start();
			return null;
		});
		Thread.sleep(sizes.warmup().toMillis());
		long[] pids = (receivers == sender) ? new long[] { receivers.pid(), this.selfPid }
				: new long[] { receivers.pid(), sender.pid(), this.selfPid };
		// the measured interval is the event loop's: from the first message counted to the last one sent
		long[] start = this.scenarios.onLoop(() -> {
			traffic.measureFrom = traffic.nowMicros();
			return new long[] { System.nanoTime(), pacer.sent() };
		});
		ProcStats.CpuMeter cpu = new ProcStats.CpuMeter(pids);
		Thread.sleep(sizes.measure().toMillis());
		long[] end = this.scenarios.onLoop(() -> {
			pacer.stop();
			return new long[] { System.nanoTime(), pacer.sent() };
		});
		double[] cores = cpu.stop();
		double seconds = (end[0] - start[0]) / 1e9;
		long sent = end[1] - start[1];
		long expected = sent * receiversPerMessage;
		long deadline = System.nanoTime() + sizes.drain().toNanos();
		while (System.nanoTime() < deadline && this.scenarios.onLoop(() -> traffic.delivered) < expected) {
			Thread.sleep(50);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		long delivered = this.scenarios.onLoop(() -> traffic.delivered);
		result.put("payload_bytes", sizes.payloadBytes());
		result.put("seconds", seconds);
		result.put("sent", sent);
		result.put("expected", expected);
		result.put("delivered", delivered);
		result.put("complete", delivered == expected);
		result.put("delivered_per_s", delivered / seconds);
		result.put("send_lag_max_ms", this.scenarios.onLoop(pacer::maxLagMillis));
		Scenarios.putLatency(result, this.scenarios.onLoop(traffic.latencyMicros::copy), "us");
		Scenarios.putCpu(result, cpu, cores, pids.length - 1, delivered);
		result.put("lost", this.scenarios.onLoop(() -> traffic.lost));
		return result;
	}

	/** What the receivers got, on the event loop: messages sent since {@code measureFrom}, and their latency. */
	private static final class Traffic implements WsClient.Listener {

		private static final byte[] MESSAGE = "[\"message\"".getBytes(StandardCharsets.US_ASCII);

		private final long baseNanos = System.nanoTime();

		final Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);

		/** Messages sent before this (generator microseconds) are the warm-up's: not counted. */
		long measureFrom = Long.MAX_VALUE;

		long delivered;

		int lost;

		private int acks;

		private int acksExpected;

		private CompletableFuture<Void> acked = new CompletableFuture<>();

		long nowMicros() {
			return (System.nanoTime() - this.baseNanos) / 1000;
		}

		CompletableFuture<Void> awaitAcks(int count) {
			this.acks = 0;
			this.acksExpected = count;
			this.acked = new CompletableFuture<>();
			return this.acked;
		}

		@Override
		public void onAck(WsClient client, long id, ByteBuf buf, int index, int length) {
			if (++this.acks == this.acksExpected) {
				this.acked.complete(null);
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
			long ts = Scenarios.timestamp(buf, index, length);
			if (ts >= this.measureFrom) {
				this.latencyMicros.recordValue(Math.max(0, nowMicros() - ts));
				this.delivered++;
			}
		}

		@Override
		public void onClosed(WsClient client, boolean wasConnected) {
			if (wasConnected) {
				this.lost++;
			}
		}

	}

}
