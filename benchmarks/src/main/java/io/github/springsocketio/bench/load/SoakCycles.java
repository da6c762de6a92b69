package io.github.springsocketio.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs short connect/disconnect cycles against a server, at most {@code inFlight} at a time, mixing every way a
 * client comes and goes: WebSocket (closed cleanly or cut), HTTP long-polling, polling upgraded to WebSocket, an
 * upgrade cut after its probe, the main namespace, {@code /admin} (with its token, or refused without it) and
 * dynamic {@code /dyn-<n>} namespaces, each cycle that is admitted joining a room. Built on the JDK's HTTP client: the soak measures the server, not the client's speed.
 */
public final class SoakCycles {

	/** The kinds of cycle, run in turn. */
	public enum Kind {

		WEBSOCKET_CLOSE, WEBSOCKET_CUT, POLLING, UPGRADE, ABORTED_UPGRADE, WEBSOCKET_ADMIN, WEBSOCKET_REFUSED,
		WEBSOCKET_DYNAMIC, POLLING_DYNAMIC

	}

	/** How many cycles completed and failed, per kind. */
	public record Tally(int completed, int failed, Map<String, Integer> byKind, List<String> firstErrors) {

		@Override
		public String toString() {
			return this.completed + " completed, " + this.failed + " failed " + this.byKind
					+ (this.firstErrors.isEmpty() ? "" : " first errors " + this.firstErrors);
		}

	}

	private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

	private static final Duration CYCLE_TIMEOUT = Duration.ofSeconds(20);

	/** Dynamic namespaces are kept once created (as Node's default): a few names, reused. */
	private static final int DYNAMIC_NAMESPACES = 10;

	private static final int ROOMS = 100;

	private final String base;

	private final String wsBase;

	private final int inFlight;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	public SoakCycles(String host, int port, int inFlight) {
		this.base = "http://" + host + ":" + port + "/socket.io/?EIO=4";
		this.wsBase = "ws://" + host + ":" + port + "/socket.io/?EIO=4&transport=websocket";
		this.inFlight = inFlight;
	}

	/** Runs {@code cycles} cycles, or as many as fit in {@code within}; returns once every started one ended. */
	public Tally run(int cycles, Duration within) throws InterruptedException {
		Semaphore permits = new Semaphore(this.inFlight);
		AtomicInteger completed = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		Map<String, AtomicInteger> byKind = new LinkedHashMap<>();
		for (Kind kind : Kind.values()) {
			byKind.put(kind.name().toLowerCase(), new AtomicInteger());
		}
		List<String> errors = new ArrayList<>();
		long deadline = System.nanoTime() + within.toNanos();
		for (int i = 0; i < cycles; i++) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
				break;
			}
			Kind kind = Kind.values()[i % Kind.values().length];
			cycle(kind, i).toCompletableFuture()
				.orTimeout(CYCLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.whenComplete((ignored, error) -> {
					if (error == null) {
						completed.incrementAndGet();
						byKind.get(kind.name().toLowerCase()).incrementAndGet();
					}
					else {
						failed.incrementAndGet();
						synchronized (errors) {
							if (errors.size() < 5) {
								errors.add(kind + ": " + error);
							}
						}
					}
					permits.release();
				});
		}
		permits.tryAcquire(this.inFlight, CYCLE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
		Map<String, Integer> kinds = new LinkedHashMap<>();
		byKind.forEach((name, count) -> kinds.put(name, count.get()));
		synchronized (errors) {
			return new Tally(completed.get(), failed.get(), kinds, List.copyOf(errors));
		}
	}

	private CompletionStage<?> cycle(Kind kind, int i) {
		String room = "soak-" + (i % ROOMS);
		String dynamic = "/dyn-" + (i % DYNAMIC_NAMESPACES);
		return switch (kind) {
			case WEBSOCKET_CLOSE -> webSocket("/", room, true);
			case WEBSOCKET_CUT -> webSocket("/", room, false);
			case WEBSOCKET_ADMIN -> webSocket("/admin", room, true);
			case WEBSOCKET_REFUSED -> refused();
			case WEBSOCKET_DYNAMIC -> webSocket(dynamic, room, i % 2 == 0);
			case POLLING -> polling("/", room);
			case POLLING_DYNAMIC -> polling(dynamic, room);
			case UPGRADE -> upgrade(room, true);
			case ABORTED_UPGRADE -> upgrade(room, false);
		};
	}

	/** Open, connect to the namespace, join a room (acknowledged), then a close frame or a cut connection. */
	private CompletionStage<?> webSocket(String namespace, String room, boolean closeFrame) {
		Frames frames = new Frames();
		return this.http.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create(this.wsBase), frames)
			.thenCompose((ws) -> frames.next((text) -> text.startsWith("0"))
				.thenCompose((open) -> ws.sendText(connect(namespace), true))
				.thenCompose((sent) -> frames.next((text) -> text.startsWith("40")))
				.thenCompose((connected) -> ws.sendText(join(namespace, room), true))
				.thenCompose((sent) -> frames.next((text) -> text.startsWith("43")))
				.thenCompose((acked) -> close(ws, closeFrame)));
	}

	/** A connection to {@code /admin} without its token: refused ({@code 44}), then the WebSocket is closed. */
	private CompletionStage<?> refused() {
		Frames frames = new Frames();
		return this.http.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create(this.wsBase), frames)
			.thenCompose((ws) -> frames.next((text) -> text.startsWith("0"))
				.thenCompose((open) -> ws.sendText("40/admin,{\"token\":\"wrong\"}", true))
				.thenCompose((sent) -> frames.next((text) -> text.startsWith("44")))
				.thenCompose((refusal) -> close(ws, true)));
	}

	/** Handshake, connect, join and close, all over long-polling. */
	private CompletionStage<?> polling(String namespace, String room) {
		return handshake().thenCompose((sid) -> pollingConnect(sid, namespace)
			.thenCompose((ok) -> post(sid, join(namespace, room)))
			.thenCompose((ok) -> poll(sid, (text) -> text.startsWith("43")))
			.thenCompose((acked) -> post(sid, "1")));
	}

	/**
	 * Connects over polling, then probes a WebSocket: either completes the upgrade, joins a room over it and closes
	 * it, or cuts it after the probe and closes the session over polling.
	 */
	private CompletionStage<?> upgrade(String room, boolean complete) {
		return handshake().thenCompose((sid) -> pollingConnect(sid, "/").thenCompose((connected) -> {
			Frames frames = new Frames();
			return this.http.newWebSocketBuilder()
				.connectTimeout(Duration.ofSeconds(10))
				.buildAsync(URI.create(this.wsBase + "&sid=" + sid), frames)
				.thenCompose((ws) -> ws.sendText("2probe", true)
					.thenCompose((sent) -> frames.next("3probe"::equals))
					.thenCompose((probed) -> {
						if (!complete) {
							ws.abort();
							return post(sid, "1").thenRun(() -> {
							});
						}
						return ws.sendText("5", true)
							.thenCompose((sent) -> ws.sendText(join("/", room), true))
							.thenCompose((sent) -> frames.next((text) -> text.startsWith("43")))
							.thenCompose((acked) -> close(ws, true));
					}));
		}));
	}

	private static CompletionStage<Void> close(WebSocket ws, boolean closeFrame) {
		if (!closeFrame) {
			ws.abort();
			return CompletableFuture.completedFuture(null);
		}
		return ws.sendClose(WebSocket.NORMAL_CLOSURE, "").handle((sent, error) -> {
			ws.abort();
			return null;
		});
	}

	private CompletionStage<String> handshake() {
		return send(HttpRequest.newBuilder(URI.create(this.base + "&transport=polling")).GET()).thenApply((body) -> {
			Matcher matcher = SID.matcher(body);
			if (!body.startsWith("0") || !matcher.find()) {
				throw new IllegalStateException("no handshake: " + body);
			}
			return matcher.group(1);
		});
	}

	private CompletionStage<String> pollingConnect(String sid, String namespace) {
		return post(sid, connect(namespace)).thenCompose((ok) -> poll(sid, (text) -> text.startsWith("40")));
	}

	/** Polls until a packet matches (at most a few polls: each answers at once or at the next ping). */
	private CompletionStage<String> poll(String sid, Predicate<String> wanted) {
		return poll(sid, wanted, 3);
	}

	private CompletionStage<String> poll(String sid, Predicate<String> wanted, int attempts) {
		return send(HttpRequest.newBuilder(URI.create(this.base + "&transport=polling&sid=" + sid)).GET())
			.thenCompose((body) -> {
				for (String packet : body.split("\u001e")) {
					if (wanted.test(packet)) {
						return CompletableFuture.completedFuture(packet);
					}
				}
				if (attempts <= 1) {
					throw new IllegalStateException("unexpected poll: " + body);
				}
				return poll(sid, wanted, attempts - 1);
			});
	}

	private CompletionStage<String> post(String sid, String body) {
		return send(HttpRequest.newBuilder(URI.create(this.base + "&transport=polling&sid=" + sid))
			.POST(HttpRequest.BodyPublishers.ofString(body))).thenApply((answer) -> {
				if (!answer.equals("ok")) {
					throw new IllegalStateException("POST answered " + answer);
				}
				return answer;
			});
	}

	private CompletionStage<String> send(HttpRequest.Builder builder) {
		HttpRequest request = builder.timeout(Duration.ofSeconds(15)).build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
			.exceptionally((error) -> {
				throw new IllegalStateException(request.method() + " " + request.uri().getRawQuery() + ": " + error,
						error);
			})
			.thenApply((response) -> {
				if (response.statusCode() != 200) {
					throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
				}
				return response.body();
			});
	}

	/** The connect packet; {@code /admin} wants the sample's token. */
	private static String connect(String namespace) {
		if (namespace.equals("/admin")) {
			return "40/admin,{\"token\":\"secret\"}";
		}
		return namespace.equals("/") ? "40" : "40" + namespace + ",";
	}

	private static String join(String namespace, String room) {
		String prefix = namespace.equals("/") ? "42" : "42" + namespace + ",";
		return prefix + "1[\"join\",\"" + room + "\"]";
	}

	/**
	 * Text frames of one WebSocket, handed to whoever waits for one that matches; pings are answered, other frames
	 * skipped.
	 */
	private static final class Frames implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		private final ArrayDeque<String> received = new ArrayDeque<>();

		private CompletableFuture<String> waiting;

		private Predicate<String> wanted;

		synchronized CompletableFuture<String> next(Predicate<String> predicate) {
			while (!this.received.isEmpty()) {
				String text = this.received.poll();
				if (predicate.test(stripNamespace(text))) {
					return CompletableFuture.completedFuture(text);
				}
			}
			this.waiting = new CompletableFuture<>();
			this.wanted = predicate;
			return this.waiting;
		}

		@Override
		public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				if (text.equals("2")) {
					ws.sendText("3", true);
				}
				else {
					deliver(text);
				}
			}
			ws.request(1);
			return null;
		}

		private void deliver(String text) {
			CompletableFuture<String> done = null;
			synchronized (this) {
				if (this.waiting != null && this.wanted.test(stripNamespace(text))) {
					done = this.waiting;
					this.waiting = null;
				}
				else if (this.waiting == null) {
					this.received.add(text);
				}
			}
			if (done != null) {
				done.complete(text);
			}
		}

		@Override
		public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
			fail(new IllegalStateException("closed by the server: " + statusCode + " " + reason));
			return null;
		}

		@Override
		public void onError(WebSocket ws, Throwable error) {
			fail(error);
		}

		private void fail(Throwable error) {
			CompletableFuture<String> done;
			synchronized (this) {
				done = this.waiting;
				this.waiting = null;
			}
			if (done != null) {
				done.completeExceptionally(error);
			}
		}

		/** {@code 43/admin,1[..]} reads as {@code 431[..]}: the tests look at the packet types only. */
		private static String stripNamespace(String text) {
			if (text.length() > 2 && text.charAt(0) == '4' && text.charAt(2) == '/') {
				int comma = text.indexOf(',');
				return (comma > 0) ? text.substring(0, 2) + text.substring(comma + 1) : text;
			}
			return text;
		}

	}

}
