package io.github.springsocketio.annotation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.server.Ack;
import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.ConnectionRefusedException;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOSocket;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * An application whose handlers exercise every feature of the annotation layer; the handler tests share it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ HandlersTestApplication.PayloadHandlers.class, HandlersTestApplication.ReturnHandlers.class, HandlersTestApplication.ExplicitAckHandlers.class,
		HandlersTestApplication.ErrorHandlers.class, HandlersTestApplication.Advice.class,
		HandlersTestApplication.ChatHandlers.class, HandlersTestApplication.DynamicHandlers.class,
		HandlersTestApplication.GuardedHandlers.class, HandlersTestApplication.ThreadingHandlers.class,
		HandlersTestApplication.Recorder.class })
class HandlersTestApplication {

	@Bean
	@SocketIONamespace("/guarded")
	SocketIOConnectMiddleware tokenCheck() {
		return (socket) -> "letmein".equals(socket.handshake().auth("token")) ? Mono.empty()
				: Mono.error(new ConnectionRefusedException("unauthorized", Map.of("reason", "invalid token")));
	}

	record ChatMessage(@NotBlank String room, @NotBlank @Size(max = 20) String text) {
	}

	record Receipt(String room, int length) {
	}

	static class RoomClosedException extends RuntimeException {

		RoomClosedException(String room) {
			super("room " + room + " is closed");
		}

	}

	/** What the handlers saw, for the tests to check. */
	static class Recorder {

		final BlockingQueue<String> events = new LinkedBlockingQueue<>();

		final List<Integer> sequence = new CopyOnWriteArrayList<>();

		volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

		CompletableFuture<Void> closeGate() {
			this.gate = new CompletableFuture<>();
			this.sequence.clear();
			return this.gate;
		}

		/** @return the next recorded event that starts with a prefix, skipping others */
		String nextEvent(String prefix) throws InterruptedException {
			long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
			while (true) {
				String event = this.events.poll(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
				if (event == null) {
					throw new AssertionError("nothing starting with '" + prefix + "' within " + TestClient.TIMEOUT);
				}
				if (event.startsWith(prefix)) {
					return event;
				}
			}
		}

	}

	static class PayloadHandlers {

		@SocketIOEvent("record")
		Receipt record(ChatMessage message) {
			return new Receipt(message.room(), message.text().length());
		}

		@SocketIOEvent("validated")
		Receipt validated(@Valid ChatMessage message) {
			return new Receipt(message.room(), message.text().length());
		}

		@SocketIOEvent("sum")
		int sum(int a, long b) {
			return (int) (a + b);
		}

		@SocketIOEvent("list")
		int total(List<Integer> values) {
			return values.stream().mapToInt(Integer::intValue).sum();
		}

		@SocketIOEvent("map")
		List<String> keys(Map<String, Object> map) {
			return map.keySet().stream().sorted().toList();
		}

		@SocketIOEvent("tree")
		String kind(JsonNode node) {
			return node.getNodeType().name();
		}

		@SocketIOEvent("binary")
		byte[] reverse(byte[] data) {
			byte[] reversed = new byte[data.length];
			for (int i = 0; i < data.length; i++) {
				reversed[i] = data[data.length - 1 - i];
			}
			return reversed;
		}

		@SocketIOEvent("context")
		Map<String, Object> context(SocketIOSocket socket, Namespace namespace, Handshake handshake,
				@EventName String event, @Auth("name") String name, @Auth Map<String, String> auth, Arguments args) {
			Map<String, Object> context = new LinkedHashMap<>();
			context.put("id", socket.id());
			context.put("nsp", namespace.name());
			context.put("event", event);
			context.put("name", name);
			context.put("auth", auth);
			context.put("args", args.size());
			context.put("hasHeaders", !handshake.headers().isEmpty());
			return context;
		}

	}

	static class ReturnHandlers {

		@SocketIOEvent("mono")
		Mono<String> mono(String text) {
			return Mono.just(text.toUpperCase()).delayElement(Duration.ofMillis(5));
		}

		@SocketIOEvent("mono-empty")
		Mono<Void> monoEmpty() {
			return Mono.empty();
		}

		@SocketIOEvent("future")
		CompletionStage<Integer> future(int value) {
			return CompletableFuture.supplyAsync(() -> value * 2);
		}

		@SocketIOEvent("void")
		void nothing() {
		}

		@SocketIOEvent("null")
		String absent() {
			return null;
		}

		@SocketIOEvent("spread")
		Arguments spread(Arguments args) {
			return args;
		}

		@SocketIOEvent("explicit-ack")
		void explicit(SocketIOSocket socket, String text, Ack ack) {
			if (ack.requested()) {
				ack.send(text, text.length());
			}
			else {
				socket.emit("explicit-ack", "no ack asked for " + text);
			}
		}

	}

	static class ExplicitAckHandlers {

		@SocketIOEvent("explicit-ack-mono")
		Mono<Void> explicitMono(String text, Ack ack) {
			return Mono.fromRunnable(() -> ack.send(text, Thread.currentThread().getName()));
		}

	}

	static class ErrorHandlers {

		@SocketIOEvent("fail")
		String fail() {
			throw new IllegalStateException("internal details the client must not see");
		}

		@SocketIOEvent("fail-mono")
		Mono<String> failMono() {
			return Mono.error(new IllegalStateException("internal details"));
		}

		@SocketIOEvent("reject")
		String reject(String room) {
			throw new EventErrorException("ROOM_FULL", "Room " + room + " is full");
		}

		@SocketIOEvent("closed")
		String closed(String room) {
			throw new RoomClosedException(room);
		}

		@SocketIOEvent("wrapped")
		CompletionStage<String> wrapped(String room) {
			return CompletableFuture.failedFuture(new IllegalArgumentException(new RoomClosedException(room)));
		}

		@SocketIOEvent("not-found")
		String notFound(String user) {
			throw new NoSuchElementException("no user " + user);
		}

		@SocketIOEvent("unsupported")
		String unsupported() {
			throw new UnsupportedOperationException("not yet");
		}

		@SocketIOExceptionHandler
		EventError roomClosed(RoomClosedException ex, @EventName String event) {
			return new EventError("ROOM_CLOSED", ex.getMessage(), Map.of("event", event));
		}

	}

	@SocketIOAdvice
	static class Advice {

		@SocketIOExceptionHandler
		EventError notFound(NoSuchElementException ex) {
			return EventError.of("NOT_FOUND", ex.getMessage());
		}

		@SocketIOExceptionHandler(UnsupportedOperationException.class)
		String fallback() {
			return "fallback";
		}

	}

	@SocketIONamespace("/chat")
	static class ChatHandlers {

		private final Recorder recorder;

		ChatHandlers(Recorder recorder) {
			this.recorder = recorder;
		}

		@OnConnect
		void connected(SocketIOSocket socket, @Auth("name") String name) {
			socket.emit("welcome", "hello " + name);
		}

		@OnDisconnect
		void disconnected(SocketIOSocket socket, DisconnectReason reason) {
			this.recorder.events.add("disconnect " + socket.id() + " " + reason.reason());
		}

		@SocketIOEvent("where")
		String where(Namespace namespace) {
			return namespace.name();
		}

		@SocketIOEvent(value = "where", namespace = "/other")
		String elsewhere(Namespace namespace) {
			return "elsewhere " + namespace.name();
		}

		@OnUnhandledEvent
		void unhandled(@EventName String event, Arguments args) {
			this.recorder.events.add("unhandled " + event + " " + args);
		}

	}

	@SocketIONamespace(pattern = "^/room-\\d+$")
	static class DynamicHandlers {

		@SocketIOEvent("where")
		Mono<String> where(Namespace namespace) {
			return Mono.just("dynamic " + namespace.name());
		}

	}

	@SocketIONamespace("/guarded")
	static class GuardedHandlers {

		@SocketIOEvent("secret")
		String secret() {
			return "s3cret";
		}

	}

	static class ThreadingHandlers {

		private final Recorder recorder;

		ThreadingHandlers(Recorder recorder) {
			this.recorder = recorder;
		}

		@SocketIOEvent("thread")
		String thread() {
			return Thread.currentThread().getName();
		}

		@SocketIOEvent("thread-mono")
		Mono<String> threadMono() {
			return Mono.just(Thread.currentThread().getName());
		}

		@SocketIOEvent("gate")
		String gate() throws Exception {
			this.recorder.gate.get(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return "opened";
		}

		@SocketIOEvent("seq")
		int seq(int value) {
			this.recorder.sequence.add(value);
			return value;
		}

		@SocketIOEvent("seq-mono")
		Mono<Integer> seqMono(int value) {
			this.recorder.sequence.add(value);
			return Mono.just(value);
		}

	}

	static List<Integer> range(int from, int to) {
		List<Integer> values = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			values.add(i);
		}
		return values;
	}

}
