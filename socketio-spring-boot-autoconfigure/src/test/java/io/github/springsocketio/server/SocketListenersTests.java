package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket's listeners: catch-alls see an event before its handlers, several handlers may share an event, and a
 * listener that fails neither stops the others nor reaches the caller; a handler's failure becomes an error.
 */
class SocketListenersTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final List<String> declared = new ArrayList<>();

	private final SocketListeners listeners = new SocketListeners("socket-1", MAPPER, this.declared::add);

	private final List<String> calls = new ArrayList<>();

	@Test
	void catchAllsSeeAnEventBeforeItsHandlersAndEachRunsInTheOrderAdded() {
		this.listeners.on("chat", (args, ack) -> this.calls.add("handler 1: " + args.text(0)));
		this.listeners.on("chat", (args, ack) -> this.calls.add("handler 2"));
		this.listeners.onAny((event, args) -> this.calls.add("any: " + event));

		this.listeners.dispatch("chat", arguments("hi"), Ack.NONE);

		assertThat(this.calls).containsExactly("any: chat", "handler 1: hi", "handler 2");
	}

	@Test
	void aListenerAddedWhileAnEventIsDispatchedSeesOnlyTheNextEvents() {
		this.listeners.onAny((event, args) -> {
			this.calls.add("first: " + event);
			this.listeners.onAny((next, nextArgs) -> this.calls.add("added: " + next));
		});

		this.listeners.dispatch("one", arguments(), Ack.NONE);
		this.listeners.dispatch("two", arguments(), Ack.NONE);

		assertThat(this.calls).containsExactly("first: one", "first: two", "added: two");
	}

	@Test
	void aHandlerGetsTheAckOfItsEvent() {
		List<Ack> acks = new ArrayList<>();
		this.listeners.on("question", (args, ack) -> acks.add(ack));

		this.listeners.dispatch("question", arguments(), Ack.NONE);

		assertThat(acks).containsExactly(Ack.NONE);
	}

	@Test
	void anEventWithoutHandlersReachesOnlyTheCatchAlls() {
		this.listeners.onAny((event, args) -> this.calls.add("any: " + event));

		this.listeners.dispatch("unknown", arguments(), Ack.NONE);

		assertThat(this.calls).containsExactly("any: unknown");
	}

	@Test
	void aFailingHandlerIsReportedToTheErrorListenersAndTheNextHandlerStillRuns() {
		IllegalStateException failure = new IllegalStateException("broken handler");
		List<Throwable> errors = new ArrayList<>();
		this.listeners.onError(errors::add);
		this.listeners.on("chat", (args, ack) -> {
			throw failure;
		});
		this.listeners.on("chat", (args, ack) -> this.calls.add("second handler"));

		this.listeners.dispatch("chat", arguments(), Ack.NONE);

		assertThat(errors).containsExactly(failure);
		assertThat(this.calls).containsExactly("second handler");
	}

	@Test
	void aFailingListenerDoesNotStopTheOthers() {
		this.listeners.onAny((event, args) -> {
			throw new IllegalStateException("broken catch-all");
		});
		this.listeners.onAny((event, args) -> this.calls.add("any"));
		this.listeners.onDisconnect((reason) -> {
			throw new IllegalStateException("broken hook");
		});
		this.listeners.onDisconnect((reason) -> this.calls.add("disconnect: " + reason));

		this.listeners.dispatch("chat", arguments(), Ack.NONE);
		this.listeners.disconnected(DisconnectReason.TRANSPORT_CLOSE);

		assertThat(this.calls).containsExactly("any", "disconnect: " + DisconnectReason.TRANSPORT_CLOSE);
	}

	@Test
	void theFirstHandlerOfAnEventDeclaresItOnce() {
		EventHandler handler = (args, ack) -> {
		};
		this.listeners.on("chat", handler);
		this.listeners.on("chat", (args, ack) -> {
		});
		this.listeners.on("typing", handler);

		assertThat(this.declared).containsExactly("chat", "typing");
	}

	@Test
	void aHandlerOfSeveralEventsIsToldEachNameAfterTheHandlersOfThatEventAndDeclaresItsEvents() {
		this.listeners.on("chat", (args, ack) -> this.calls.add("chat handler"));
		this.listeners.on(Set.of("chat", "typing"), (event, args, ack) -> this.calls.add("named: " + event));

		this.listeners.dispatch("chat", arguments(), Ack.NONE);
		this.listeners.dispatch("typing", arguments(), Ack.NONE);
		this.listeners.dispatch("other", arguments(), Ack.NONE);

		assertThat(this.calls).containsExactly("chat handler", "named: chat", "named: typing");
		assertThat(this.listeners.hasHandler("typing")).isTrue();
		assertThat(this.listeners.hasHandler("other")).isFalse();
		assertThat(this.declared).containsExactly("chat", "typing");
	}

	@Test
	void aFailingHandlerOfSeveralEventsIsReportedAsAnError() {
		List<Throwable> errors = new ArrayList<>();
		this.listeners.onError(errors::add);
		IllegalStateException failure = new IllegalStateException("broken");
		this.listeners.on(Set.of("chat"), (event, args, ack) -> {
			throw failure;
		});

		this.listeners.dispatch("chat", arguments(), Ack.NONE);

		assertThat(errors).containsExactly(failure);
	}

	@Test
	void offRemovesAHandlerAndHasHandlerTellsWhetherOneIsLeft() {
		EventHandler handler = (args, ack) -> this.calls.add("handler");
		this.listeners.on("chat", handler);
		assertThat(this.listeners.hasHandler("chat")).isTrue();

		this.listeners.off("chat", handler);
		this.listeners.dispatch("chat", arguments(), Ack.NONE);

		assertThat(this.listeners.hasHandler("chat")).isFalse();
		assertThat(this.listeners.hasHandler("never")).isFalse();
		assertThat(this.calls).isEmpty();
	}

	@Test
	void outgoingListenersSeeTheNameAndArgumentsOfAnEventSent() {
		List<Arguments> seen = new ArrayList<>();
		this.listeners.onAnyOutgoing((event, args) -> {
			this.calls.add(event);
			seen.add(args);
		});

		this.listeners.outgoing(new Packet(PacketType.EVENT, "/", JsonNodeFactory.instance.arrayNode().add("news")
			.add("item"), Packet.NO_ID));
		this.listeners.outgoing(new Packet(PacketType.ACK, "/", JsonNodeFactory.instance.arrayNode(), 1));

		assertThat(this.calls).containsExactly("news");
		assertThat(seen.get(0).text(0)).isEqualTo("item");
	}

	@Test
	void leaveHooksAndErrorListenersGetWhatHappened() {
		this.listeners.onDisconnecting((reason) -> this.calls.add("disconnecting: " + reason));
		this.listeners.onDisconnect((reason) -> this.calls.add("disconnect: " + reason));
		this.listeners.onError((error) -> this.calls.add("error: " + error.getMessage()));

		this.listeners.error(new IllegalStateException("refused"));
		this.listeners.disconnecting(DisconnectReason.PING_TIMEOUT);
		this.listeners.disconnected(DisconnectReason.PING_TIMEOUT);

		assertThat(this.calls).containsExactly("error: refused", "disconnecting: " + DisconnectReason.PING_TIMEOUT,
				"disconnect: " + DisconnectReason.PING_TIMEOUT);
	}

	private static Arguments arguments(String... values) {
		var array = JsonNodeFactory.instance.arrayNode();
		for (String value : values) {
			array.add(value);
		}
		return new Arguments(array, MAPPER);
	}

}
