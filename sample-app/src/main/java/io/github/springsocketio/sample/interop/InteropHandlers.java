package io.github.springsocketio.sample.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.annotation.SocketIOEvent;
import io.github.springsocketio.annotation.SocketIONamespace;
import io.github.springsocketio.server.Ack;
import io.github.springsocketio.server.AckTimeoutException;
import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.BroadcastOperator;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOSocket;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The events of the interop contract on {@code /}, {@code /admin} and the dynamic {@code /dyn-*} namespaces. Every
 * handler returns a {@code Mono} (or takes an {@link Ack} and returns {@code Mono<Void>}), so all of them run on the
 * connection's event loop, as the benchmarks expect; none blocks.
 */
@SocketIONamespace(value = { "/", "/admin" }, pattern = "^/dyn-\\w+$")
public class InteropHandlers {

	private static final int MAX_TICKS = 1000;

	private static final long MIN_TICK_INTERVAL_MS = 10;

	private static final long MAX_ECHO_DELAY_MS = 10_000;

	private final String nodeId;

	public InteropHandlers(String nodeId) {
		this.nodeId = nodeId;
	}

	/** With an acknowledgement: the arguments back unchanged. Without: the same as an {@code echo} event. */
	@SocketIOEvent("echo")
	Mono<Void> echo(SocketIOSocket socket, Arguments args, Ack ack) {
		if (ack.requested()) {
			ack.send(args.toArray());
		}
		else {
			socket.emit("echo", args.toArray());
		}
		return Mono.empty();
	}

	/** {@code delayMs, ...args}: the arguments back after the delay. */
	@SocketIOEvent("echo-delayed")
	Mono<Void> echoDelayed(Arguments args, Ack ack) {
		long delay = Math.min(Math.max(args.node(0).asLong(0), 0), MAX_ECHO_DELAY_MS);
		Object[] rest = new Object[Math.max(args.size() - 1, 0)];
		for (int i = 0; i < rest.length; i++) {
			rest[i] = args.node(i + 1);
		}
		Mono.delay(Duration.ofMillis(delay)).subscribe((tick) -> ack.send(rest));
		return Mono.empty();
	}

	@SocketIOEvent("whoami")
	Mono<Map<String, Object>> whoami(SocketIOSocket socket, Namespace namespace) {
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("id", socket.id());
		me.put("nsp", namespace.name());
		me.put("rooms", socket.rooms().stream().sorted().toList());
		me.put("recovered", socket.recovered());
		me.put("node", this.nodeId);
		return Mono.just(me);
	}

	@SocketIOEvent("join")
	Mono<Boolean> join(SocketIOSocket socket, String room) {
		socket.join(room);
		return Mono.just(true);
	}

	@SocketIOEvent("leave")
	Mono<Boolean> leave(SocketIOSocket socket, String room) {
		socket.leave(room);
		return Mono.just(true);
	}

	/** {@code room, payload}: {@code message(payload)} to the room (the whole namespace for {@code null}). */
	@SocketIOEvent("broadcast")
	Mono<Boolean> broadcast(Namespace namespace, @Nullable String room, JsonNode payload) {
		target(namespace, room).emit("message", payload);
		return Mono.just(true);
	}

	/**
	 * {@code room, payload}: {@code message(payload)} to the room's other members, as a chat relays a message
	 * ({@code socket.to(room)}: the sender is left out even when it is a member); acknowledged when asked.
	 */
	@SocketIOEvent("relay")
	Mono<Void> relay(SocketIOSocket socket, String room, JsonNode payload, Ack ack) {
		socket.to(room).emit("message", payload);
		if (ack.requested()) {
			ack.send(true);
		}
		return Mono.empty();
	}

	@SocketIOEvent("broadcast-binary")
	Mono<Boolean> broadcastBinary(Namespace namespace, @Nullable String room) {
		byte[] bytes = new byte[256];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		target(namespace, room).emit("message", Map.of("bytes", bytes, "nested", List.of(new byte[] { 1, 2, 3 })));
		return Mono.just(true);
	}

	/** Asks the client {@code ask(payload)} with a one-second deadline, and reports its answer or the timeout. */
	@SocketIOEvent("server-ack")
	Mono<Map<String, Object>> serverAck(SocketIOSocket socket, JsonNode payload) {
		return socket.timeout(Duration.ofSeconds(1))
			.emitWithAck("ask", payload)
			.<Map<String, Object>>map((answer) -> Map.of("answer", answer.toArrayNode()))
			.onErrorResume((error) -> Mono.just(Map.of("error", (error instanceof AckTimeoutException) ? "timeout"
					: String.valueOf(error.getMessage()))));
	}

	/**
	 * {@code {count, intervalMs, volatile}}: acknowledged first, then {@code tick(i)} (or volatile {@code vtick(i)})
	 * to the room named by the socket id, through the adapter: it goes on while the client is away, is kept for
	 * recovery, and reaches the socket wherever it reconnects.
	 */
	@SocketIOEvent("ticker")
	Mono<Void> ticker(SocketIOSocket socket, JsonNode options, Ack ack) {
		int count = (int) Math.min(Math.max(options.path("count").asLong(0), 0), MAX_TICKS);
		long interval = Math.max(options.path("intervalMs").asLong(MIN_TICK_INTERVAL_MS), MIN_TICK_INTERVAL_MS);
		boolean isVolatile = options.path("volatile").asBoolean(false);
		ack.send(true);
		BroadcastOperator room = socket.namespace().to(socket.id());
		List<Long> ticks = new ArrayList<>(count);
		for (long i = 0; i < count; i++) {
			ticks.add(i);
		}
		Flux.fromIterable(ticks).delayElements(Duration.ofMillis(interval)).subscribe((i) -> {
			if (isVolatile) {
				room.asVolatile().emit("vtick", i);
			}
			else {
				room.emit("tick", i);
			}
		});
		return Mono.empty();
	}

	/** {@code room, count, payloadSize}: {@code count} messages {@code m} to the room as fast as possible. */
	/**
	 * Emits as fast as the server can, {@value #BENCH_BATCH} at a time: each batch is its own task, so the event
	 * loops write and flush between batches (as the Node.js handler yields every 100 emits).
	 */
	@SocketIOEvent("bench-broadcast")
	Mono<Boolean> benchBroadcast(Namespace namespace, @Nullable String room, long count, long payloadSize) {
		BroadcastOperator operator = target(namespace, room);
		String pad = "x".repeat((int) Math.min(Math.max(payloadSize, 0), 1_000_000));
		long batches = (Math.max(count, 0) + BENCH_BATCH - 1) / BENCH_BATCH;
		return Flux.range(0, (int) Math.min(batches, Integer.MAX_VALUE))
			.concatMap((batch) -> Mono.fromRunnable(() -> {
				for (long i = batch * (long) BENCH_BATCH; i < Math.min(count, (batch + 1L) * BENCH_BATCH); i++) {
					Map<String, Object> message = new LinkedHashMap<>();
					message.put("seq", i);
					message.put("ts", System.currentTimeMillis());
					message.put("pad", pad);
					operator.emit("m", message);
				}
			}).subscribeOn(Schedulers.parallel()))
			.then(Mono.just(true));
	}

	private static final int BENCH_BATCH = 100;

	/** Disconnects the socket from this namespace; never acknowledged (the {@link Ack} is taken and left unused). */
	@SocketIOEvent("disconnect-me")
	Mono<Void> disconnectMe(SocketIOSocket socket, Ack ack) {
		socket.disconnect();
		return Mono.empty();
	}

	private static BroadcastOperator target(Namespace namespace, @Nullable String room) {
		return (room != null) ? namespace.to(room) : namespace.to();
	}

}
