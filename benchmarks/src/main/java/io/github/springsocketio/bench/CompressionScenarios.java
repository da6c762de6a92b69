package io.github.springsocketio.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.bench.load.CodecWsClient;
import io.github.springsocketio.bench.load.Net;
import io.github.springsocketio.bench.load.PollingClient;
import org.HdrHistogram.Histogram;

/**
 * What compression costs: acknowledged echoes of a {@value #PAYLOAD_CHARS}-character text, above both servers'
 * 1 KiB compression threshold and compressible like ordinary JSON, once compressed and once not, on WebSocket
 * (permessage-deflate, {@code echo-deflate} against {@code echo-large}) and on long-polling (gzip,
 * {@code polling-gzip} against {@code polling-large}). Each scenario checks that the server compressed exactly
 * when it should have, and fails otherwise: a server that silently sent everything plain would look cheap.
 */
final class CompressionScenarios {

	static final int PAYLOAD_CHARS = 2048;

	private static final byte[] EVENT_WITH_ACK = { '4', '2' };

	private static final String HOST = "127.0.0.1";

	private static final String[] WORDS = { "user", "message", "room", "lobby", "\"id\":", "\"name\":", "true",
			"false", "null", "chat", "hello", "world", "status", "online", "offline", "timestamp", "2026-12-07",
			"\"text\":", "typing", "joined", "left", "the", "a", "of", "and", "{", "}", "[", "]", "," };

	private final Scenarios scenarios;

	private final Net net;

	private final byte[] body;

	CompressionScenarios(Scenarios scenarios) {
		this.scenarios = scenarios;
		this.net = scenarios.net();
		this.body = ("[\"echo\",\"" + text(PAYLOAD_CHARS) + "\"]").getBytes(StandardCharsets.US_ASCII);
	}

	/** Words of a chat-like JSON vocabulary in a fixed pseudo-random order: deflate gets it to about a third. */
	static String text(int length) {
		Random random = new Random(42);
		StringBuilder text = new StringBuilder(length + 16);
		while (text.length() < length) {
			text.append(WORDS[random.nextInt(WORDS.length)].replace("\"", "'")).append(' ');
		}
		return text.substring(0, length);
	}

	/**
	 * Closed-loop echo over WebSocket on Netty's codec; with {@code deflate} the clients offer permessage-deflate and
	 * every client must have had it accepted, without it none may have.
	 */
	Map<String, Object> echo(Server server, boolean deflate, int clients, Duration warmup, Duration measure)
			throws Exception {
		Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		long[] acks = new long[1];
		int[] phase = { 0 };
		int[] connected = { 0 };
		int[] closed = { 0 };
		CompletableFuture<Void> allConnected = new CompletableFuture<>();
		List<CodecWsClient> all = new ArrayList<>();
		CodecWsClient.Listener listener = new CodecWsClient.Listener() {
			@Override
			public void onConnected(CodecWsClient client) {
				if (++connected[0] + closed[0] >= clients) {
					allConnected.complete(null);
				}
			}

			@Override
			public void onAck(CodecWsClient client, long id) {
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
				sendEcho(client);
			}

			@Override
			public void onClosed(CodecWsClient client) {
				closed[0]++;
				if (connected[0] + closed[0] >= clients) {
					allConnected.complete(null);
				}
			}
		};
		this.scenarios.onLoop(() -> {
			for (int i = 0; i < clients; i++) {
				CodecWsClient client = new CodecWsClient(this.net, HOST, server.port(), deflate, listener);
				all.add(client);
				client.start();
			}
			return null;
		});
		Scenarios.await(allConnected, Duration.ofSeconds(60));
		try {
			String extensions = this.scenarios.onLoop(() -> checkExtensions(all, deflate));
			this.scenarios.onLoop(() -> {
				all.stream().filter(CodecWsClient::isConnected).forEach(this::sendEcho);
				return null;
			});
			Interval interval = measure(server, phase, warmup, measure);
			Map<String, Object> result = interval.result(this.scenarios.onLoop(() -> acks[0]),
					this.scenarios.onLoop(latency::copy));
			result.put("clients", this.scenarios.onLoop(() -> connected[0]));
			result.put("permessage_deflate", deflate);
			result.put("extensions", extensions);
			result.put("closed_early", this.scenarios.onLoop(() -> closed[0]));
			return result;
		}
		finally {
			Thread.sleep(200);
			this.scenarios.onLoop(() -> {
				all.forEach(CodecWsClient::close);
				return null;
			});
			Thread.sleep(500);
		}
	}

	private void sendEcho(CodecWsClient client) {
		client.sentAtNanos = System.nanoTime();
		client.send(EVENT_WITH_ACK, client.nextAckId++, this.body);
	}

	/** @return the extensions the clients got; throws when the server did not do as asked */
	private static String checkExtensions(List<CodecWsClient> clients, boolean deflate) {
		String seen = null;
		for (CodecWsClient client : clients) {
			if (!client.isConnected()) {
				continue;
			}
			boolean accepted = client.extensions().contains("permessage-deflate");
			if (accepted != deflate) {
				throw new IllegalStateException(deflate
						? "the server did not accept permessage-deflate (handshake answer's extensions: '"
								+ client.extensions() + "')"
						: "the server answered with extensions the client did not offer: " + client.extensions());
			}
			seen = client.extensions();
		}
		if (seen == null) {
			throw new IllegalStateException("no client connected");
		}
		return seen;
	}

	/**
	 * Closed-loop echo over long-polling; with {@code gzip} every request carries {@code Accept-Encoding: gzip} and
	 * every answer of 1 KiB or more must come compressed; without it, {@code Accept-Encoding: identity}, none may,
	 * and some must be that large.
	 */
	Map<String, Object> polling(Server server, boolean gzip, int clients, Duration warmup, Duration measure)
			throws Exception {
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
				if (++connected[0] + closed[0] >= clients) {
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
				client.send(EVENT_WITH_ACK, client.nextAckId++, CompressionScenarios.this.body);
			}

			@Override
			public void onClosed(PollingClient client) {
				closed[0]++;
				if (connected[0] + closed[0] >= clients) {
					allConnected.complete(null);
				}
			}
		};
		this.scenarios.onLoop(() -> {
			for (int i = 0; i < clients; i++) {
				// identity: the baseline's answers go through the same handlers, counted but never compressed
				PollingClient client = new PollingClient(this.net, HOST, server.port(), listener,
						gzip ? "gzip" : "identity");
				all.add(client);
				client.start();
			}
			return null;
		});
		Scenarios.await(allConnected, Duration.ofSeconds(60));
		try {
			this.scenarios.onLoop(() -> {
				for (PollingClient client : all) {
					if (client.isConnected()) {
						client.sentAtNanos = System.nanoTime();
						client.send(EVENT_WITH_ACK, client.nextAckId++, this.body);
					}
				}
				return null;
			});
			Interval interval = measure(server, phase, warmup, measure);
			Map<String, Object> result = interval.result(this.scenarios.onLoop(() -> acks[0]),
					this.scenarios.onLoop(latency::copy));
			long compressed = this.scenarios.onLoop(() -> all.stream().mapToLong((c) -> c.compressedResponses).sum());
			long largePlain = this.scenarios.onLoop(() -> all.stream().mapToLong((c) -> c.largePlainResponses).sum());
			if (gzip && (compressed == 0 || largePlain > 0)) {
				throw new IllegalStateException("the server did not compress its answers: " + compressed
						+ " compressed, " + largePlain + " of 1 KiB or more sent as they are");
			}
			if (!gzip && (compressed > 0 || largePlain == 0)) {
				throw new IllegalStateException("the answers to Accept-Encoding: identity were not large and plain: "
						+ compressed + " compressed, " + largePlain + " of 1 KiB or more sent as they are");
			}
			result.put("clients", this.scenarios.onLoop(() -> connected[0]));
			result.put("accept_encoding", gzip ? "gzip" : "identity");
			result.put("compressed_responses", compressed);
			result.put("large_plain_responses", largePlain);
			result.put("closed_early", this.scenarios.onLoop(() -> closed[0]));
			return result;
		}
		finally {
			Thread.sleep(300);
			this.scenarios.onLoop(() -> {
				all.forEach(PollingClient::close);
				return null;
			});
			Thread.sleep(500);
		}
	}

	/** The measured interval of a closed loop and the CPU spent in it. */
	private record Interval(double seconds, ProcStats.CpuMeter cpu, double[] cores) {

		/** @return the figures of the other scenarios: acks/s, latency, CPU per ack */
		Map<String, Object> result(long acks, Histogram latency) {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("payload_bytes", PAYLOAD_CHARS);
			result.put("seconds", this.seconds);
			result.put("acks", acks);
			result.put("acks_per_s", acks / this.seconds);
			Scenarios.putLatency(result, latency, "us");
			Scenarios.putCpu(result, this.cpu, this.cores, 1, acks);
			return result;
		}

	}

	/** Waits out the warm-up, then lets the loop run for {@code measure} while the CPU is measured. */
	private Interval measure(Server server, int[] phase, Duration warmup, Duration measure) throws Exception {
		Thread.sleep(warmup.toMillis());
		long start = this.scenarios.onLoop(() -> {
			phase[0] = 1;
			return System.nanoTime();
		});
		ProcStats.CpuMeter cpu = new ProcStats.CpuMeter(server.pid(), ProcessHandle.current().pid());
		Thread.sleep(measure.toMillis());
		long end = this.scenarios.onLoop(() -> {
			phase[0] = 2;
			return System.nanoTime();
		});
		return new Interval((end - start) / 1e9, cpu, cpu.stop());
	}

}
