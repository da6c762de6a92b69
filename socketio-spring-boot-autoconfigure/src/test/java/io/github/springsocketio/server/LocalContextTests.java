package io.github.springsocketio.server;

import java.util.List;
import java.util.Set;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter acts on the namespace's sockets on this node by their ids: it reads a socket's details, makes it join
 * or leave rooms or disconnects it; an id not connected here is no socket of this node, and nothing happens.
 */
class LocalContextTests {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final SocketIOServer server = SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build();

	private final Namespace chat = this.server.of("/chat");

	private final LocalContext context = new LocalContext(this.chat, new LocalDelivery(this.chat),
			new ServerSideEvents(this.chat));

	private final LoopbackSession session = new LoopbackSession("s1");

	private final String id;

	LocalContextTests() {
		this.chat.connect(this.session.client(this.server), JSON.objectNode());
		this.id = this.chat.sockets().keySet().iterator().next();
	}

	@Test
	void itNamesItsNamespace() {
		assertThat(this.context.namespace()).isEqualTo("/chat");
	}

	@Test
	void aLocalSocketJoinsAndLeavesRoomsAndShowsItsDetails() {
		this.context.join(this.id, Set.of("lobby", "news"));
		this.context.leave(this.id, Set.of("news"));

		SocketDetails details = this.context.socket(this.id);
		assertThat(details).isNotNull();
		assertThat(details.id()).isEqualTo(this.id);
		assertThat(details.rooms()).containsExactlyInAnyOrder(this.id, "lobby");
	}

	@Test
	void aLocalSocketIsDisconnected() {
		this.context.disconnect(this.id, false);

		assertThat(this.chat.sockets()).isEmpty();
		assertThat(this.session.written).last().isEqualTo("41/chat,");
	}

	@Test
	void anIdNotConnectedHereIsNoSocketOfThisNode() {
		this.context.join("elsewhere", Set.of("lobby"));
		this.context.leave("elsewhere", Set.of("lobby"));
		this.context.disconnect("elsewhere", true);

		assertThat(this.context.socket("elsewhere")).isNull();
		assertThat(this.chat.adapter().rooms()).doesNotContain("lobby");
		assertThat(this.chat.sockets()).containsOnlyKeys(this.id);
	}

	@Test
	void aBroadcastGoesToTheLocalSockets() {
		Packet packet = new Packet(PacketType.EVENT, "/chat", JSON.arrayNode().add("hi"), Packet.NO_ID);

		this.context.deliver(packet, List.of(this.id), BroadcastFlags.NONE);

		assertThat(this.session.written).last().isEqualTo("42/chat,[\"hi\"]");
	}

}
