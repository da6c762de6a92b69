package io.github.springsocketio.sample.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.server.AckTimeoutException;
import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.BroadcastOperator;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOSocket;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The events of the interop contract, for any namespace.
 */
public class InteropHandlers {

	private static final int MAX_TICKS = 1000;

	private static final long MIN_TICK_INTERVAL_MS = 10;

	private static final long MAX_ECHO_DELAY_MS = 10_000;

	private final String nodeId;

	public InteropHandlers(String nodeId) {
		this.nodeId = nodeId;
	}

	void register(SocketIOSocket socket) {
		Namespace namespace = socket.namespace();
		socket.on("echo", (args, ack) -> {
			if (ack.requested()) {
				ack.send(args.toArray());
			}
			else {
				socket.emit("echo", args.toArray());
			}
		});
		socket.on("echo-delayed", (args, ack) -> {
			long delay = Math.min(Math.max(args.node(0).asLong(0), 0), MAX_ECHO_DELAY_MS);
			Object[] rest = new Object[Math.max(args.size() - 1, 0)];
			for (int i = 0; i < rest.length; i++) {
				rest[i] = args.node(i + 1);
			}
			Mono.delay(Duration.ofMillis(delay)).subscribe((tick) -> ack.send(rest));
		});
		socket.on("whoami", (args, ack) -> {
			Map<String, Object> me = new LinkedHashMap<>();
			me.put("id", socket.id());
			me.put("nsp", namespace.name());
			me.put("rooms", socket.rooms().stream().sorted().toList());
			me.put("recovered", socket.recovered());
			me.put("node", this.nodeId);
			ack.send(me);
		});
		socket.on("join", (args, ack) -> {
			socket.join(args.text(0));
			ack.send(true);
		});
		socket.on("leave", (args, ack) -> {
			socket.leave(args.text(0));
			ack.send(true);
		});
		socket.on("broadcast", (args, ack) -> {
			target(namespace, args.text(0)).emit("message", args.node(1));
			ack.send(true);
		});
		socket.on("broadcast-binary", (args, ack) -> {
			byte[] bytes = new byte[256];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = (byte) i;
			}
			target(namespace, args.text(0)).emit("message",
					Map.of("bytes", bytes, "nested", List.of(new byte[] { 1, 2, 3 })));
			ack.send(true);
		});
		socket.on("server-ack", (args, ack) -> socket.timeout(Duration.ofSeconds(1))
			.emitWithAck("ask", args.node(0))
			.subscribe((answer) -> ack.send(Map.of("answer", answer.toArrayNode())),
					(error) -> ack.send(Map.of("error", (error instanceof AckTimeoutException) ? "timeout"
							: String.valueOf(error.getMessage())))));
		socket.on("ticker", (args, ack) -> ticker(socket, args, ack));
		socket.on("bench-broadcast", (args, ack) -> {
			BroadcastOperator operator = target(namespace, args.text(0));
			long count = args.node(1).asLong(0);
			String pad = "x".repeat((int) Math.min(Math.max(args.node(2).asLong(0), 0), 1_000_000));
			for (long i = 0; i < count; i++) {
				Map<String, Object> message = new LinkedHashMap<>();
				message.put("seq", i);
				message.put("ts", System.currentTimeMillis());
				message.put("pad", pad);
				operator.emit("m", message);
			}
			ack.send(true);
		});
		socket.on("disconnect-me", (args, ack) -> socket.disconnect());
	}

	private void ticker(SocketIOSocket socket, Arguments args, io.github.springsocketio.server.Ack ack) {
		JsonNode options = args.node(0);
		int count = (int) Math.min(Math.max(options.path("count").asLong(0), 0), MAX_TICKS);
		long interval = Math.max(options.path("intervalMs").asLong(MIN_TICK_INTERVAL_MS), MIN_TICK_INTERVAL_MS);
		boolean isVolatile = options.path("volatile").asBoolean(false);
		ack.send(true);
		// To the room named by the socket id, through the adapter: it goes on while the client is away, is kept
		// for recovery, and reaches the socket wherever it reconnects.
		BroadcastOperator room = socket.namespace().to(socket.id());
		List<Long> ticks = new ArrayList<>(count);
		for (long i = 0; i < count; i++) {
			ticks.add(i);
		}
		Flux.fromIterable(ticks)
			.delayElements(Duration.ofMillis(interval))
			.subscribe((i) -> {
				if (isVolatile) {
					room.asVolatile().emit("vtick", i);
				}
				else {
					room.emit("tick", i);
				}
			});
	}

	private static BroadcastOperator target(Namespace namespace, String room) {
		return (room != null) ? namespace.to(room) : namespace.to();
	}

}
