package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.adapter.InMemoryAdapter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Events between server nodes: the names the protocol reserves cannot be sent; an event another node sent runs this
 * node's handlers of its name, in order, and the sender gets at most one answer.
 */
class ServerSideEventsTests {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final SocketIOServer server = SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build();

	private final ServerSideEvents events = new ServerSideEvents(this.server.defaultNamespace());

	private final List<String> handled = new ArrayList<>();

	@Test
	void anEventIsSentAsItsNameFollowedByItsArguments() {
		assertThat(this.events.packet("invalidate", new Object[] { "user:42", 7 }))
			.isEqualTo(JSON.arrayNode().add("invalidate").add("user:42").add(7));
	}

	@Test
	void theNamesTheProtocolReservesCannotBeSent() {
		for (String reserved : List.of("connect", "connection", "new_namespace")) {
			assertThatIllegalArgumentException().isThrownBy(() -> this.events.packet(reserved, new Object[0]))
				.withMessageContaining(reserved);
		}
	}

	@Test
	void theHandlersOfAnEventRunInOrderWithItsArguments() {
		this.events.on("reload", (args, ack) -> this.handled.add("first " + args.node(0).asString()));
		this.events.on("reload", (args, ack) -> this.handled.add("second " + args.node(0).asString()));
		this.events.on("other", (args, ack) -> this.handled.add("other"));

		this.events.received(JSON.arrayNode().add("reload").add("cache"), null);

		assertThat(this.handled).containsExactly("first cache", "second cache");
	}

	@Test
	void aFailingHandlerDoesNotKeepTheEventFromTheOthers() {
		this.events.on("reload", (args, ack) -> {
			throw new IllegalStateException("bug in the application");
		});
		this.events.on("reload", (args, ack) -> this.handled.add("ran"));

		this.events.received(JSON.arrayNode().add("reload"), null);

		assertThat(this.handled).containsExactly("ran");
	}

	@Test
	void theSenderGetsOneAnswerTheFirstArgumentOfTheFirstSent() {
		List<JsonNode> answers = new ArrayList<>();
		this.events.on("count", (args, ack) -> {
			assertThat(ack.requested()).isTrue();
			ack.send(3, "ignored");
			ack.send(4);
		});
		this.events.on("empty", (args, ack) -> ack.send());

		this.events.received(JSON.arrayNode().add("count"), answers::add);
		this.events.received(JSON.arrayNode().add("empty"), answers::add);

		assertThat(answers).containsExactly(JSON.numberNode(3), JSON.nullNode());
	}

	@Test
	void withoutAnAnswerWantedTheHandlerIsToldSo() {
		List<Boolean> requested = new ArrayList<>();
		this.events.on("fire", (args, ack) -> requested.add(ack.requested()));

		this.events.received(JSON.arrayNode().add("fire"), null);

		assertThat(requested).containsExactly(false);
	}

	@Test
	void eventsWithoutHandlersAndEmptyPacketsAreIgnored() {
		this.events.on("reload", (args, ack) -> this.handled.add("ran"));

		this.events.received(JSON.arrayNode().add("unknown"), null);
		this.events.received(JSON.arrayNode(), null);

		assertThat(this.handled).isEmpty();
	}

	@Test
	void anEventWithAcknowledgementIsSentWhenSubscribedAndAgainOnEachSubscription() {
		List<ArrayNode> sent = new ArrayList<>();
		SocketIOServer server = SocketIOServer.builder().adapterFactory((context) -> new InMemoryAdapter(context) {

			@Override
			public Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode packet, Duration timeout) {
				sent.add(packet);
				return super.serverSideEmitWithAck(packet, timeout);
			}

		}).build();

		Mono<List<JsonNode>> answers = server.serverSideEmitWithAck("ping", 1);
		assertThat(sent).as("before subscribing").isEmpty();
		assertThat(Awaits.result(answers)).as("no other node answers").isEmpty();
		Awaits.result(answers);

		assertThat(sent).containsExactly(JSON.arrayNode().add("ping").add(1), JSON.arrayNode().add("ping").add(1));
	}

}
