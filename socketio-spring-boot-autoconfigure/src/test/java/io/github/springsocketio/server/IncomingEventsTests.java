package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events a client sends pass the socket's middlewares one after the other; the handlers see them only if none
 * refused, on the event loop and only while the socket is connected; a refusal goes to the error listeners.
 */
class IncomingEventsTests {

	private final List<Runnable> eventLoop = new ArrayList<>();

	private final AtomicBoolean connected = new AtomicBoolean(true);

	private final SocketListeners listeners = new SocketListeners("socket-1", JsonMapper.builder().build(),
			(event) -> {
			});

	private final IncomingEvents incoming = new IncomingEvents(this.listeners, this.eventLoop::add,
			this.connected::get);

	private final List<String> calls = new ArrayList<>();

	private final Arguments args = new Arguments(JsonNodeFactory.instance.arrayNode(), JsonMapper.builder().build());

	@Test
	void withoutMiddlewaresAnEventReachesItsHandlersAtOnce() {
		this.listeners.on("chat", (args, ack) -> this.calls.add("handler"));

		this.incoming.accept("chat", this.args, Ack.NONE);

		assertThat(this.calls).containsExactly("handler");
		assertThat(this.eventLoop).isEmpty();
	}

	@Test
	void middlewaresRunInOrderAndThenTheHandlersOnTheEventLoop() {
		this.incoming.use(recording("first"));
		this.incoming.use(recording("second"));
		this.listeners.on("chat", (args, ack) -> this.calls.add("handler"));

		this.incoming.accept("chat", this.args, Ack.NONE);
		assertThat(this.calls).containsExactly("first", "second");
		runEventLoop();

		assertThat(this.calls).containsExactly("first", "second", "handler");
	}

	@Test
	void aMiddlewareWaitsForTheOneBeforeItToComplete() {
		Sinks.Empty<Void> slow = Sinks.empty();
		this.incoming.use((event, args) -> slow.asMono());
		this.incoming.use(recording("second"));

		this.incoming.accept("chat", this.args, Ack.NONE);
		assertThat(this.calls).isEmpty();
		slow.tryEmitEmpty();

		assertThat(this.calls).containsExactly("second");
	}

	@Test
	void aRefusalStopsTheEventAndGoesToTheErrorListeners() {
		IllegalStateException refusal = new IllegalStateException("slow down");
		this.incoming.use((event, args) -> Mono.error(refusal));
		this.incoming.use(recording("second"));
		this.listeners.on("chat", (args, ack) -> this.calls.add("handler"));
		List<Throwable> errors = new ArrayList<>();
		this.listeners.onError(errors::add);

		this.incoming.accept("chat", this.args, Ack.NONE);
		runEventLoop();

		assertThat(this.calls).isEmpty();
		assertThat(errors).containsExactly(refusal);
	}

	@Test
	void aSocketThatDisconnectedWhileTheMiddlewaresRanDoesNotDispatch() {
		this.incoming.use(recording("middleware"));
		this.listeners.on("chat", (args, ack) -> this.calls.add("handler"));

		this.incoming.accept("chat", this.args, Ack.NONE);
		this.connected.set(false);
		runEventLoop();

		assertThat(this.calls).containsExactly("middleware");
	}

	private EventMiddleware recording(String name) {
		return (event, args) -> {
			this.calls.add(name);
			return Mono.empty();
		};
	}

	private void runEventLoop() {
		List<Runnable> tasks = new ArrayList<>(this.eventLoop);
		this.eventLoop.clear();
		tasks.forEach(Runnable::run);
	}

}
