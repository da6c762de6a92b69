package io.github.springsocketio.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers added to the responses that open or upgrade a session (Node's {@code initial_headers}), where the sticky
 * node cookie goes: the polling handshake, the {@code 101} of a WebSocket handshake and of an upgrade; never later
 * polls, never refused requests.
 */
class HandshakeResponseCustomizerTests {

	private static final String NODE_COOKIE = "SIONODE=node-a; Path=/; HttpOnly; SameSite=Lax";

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	private final List<Transport> seen = new CopyOnWriteArrayList<>();

	private TestEngineServer start() {
		return this.servers.start((o) -> o.handshakeCustomizer((request, transport, headers) -> {
			this.seen.add(transport);
			headers.add(HttpHeaderNames.SET_COOKIE, NODE_COOKIE);
		}));
	}

	@Test
	void thePollingHandshakeCarriesTheHeaders() {
		TestEngineServer server = start();

		PollingClient.Handshake handshake = this.servers.polling(server).handshake();

		assertThat(handshake.response().headers().allValues("set-cookie")).containsExactly(NODE_COOKIE);
		assertThat(this.seen).containsExactly(Transport.POLLING);
	}

	@Test
	void theWebSocketHandshake101CarriesTheHeaders() throws Exception {
		TestEngineServer server = start();

		RawConnection.Head head = this.servers.raw(server).upgrade("EIO=4&transport=websocket").readHead();

		assertThat(head.status()).isEqualTo(101);
		assertThat(head.values("set-cookie")).containsExactly(NODE_COOKIE);
	}

	@Test
	void theUpgrade101OfAPollingSessionCarriesTheHeadersToo() throws Exception {
		TestEngineServer server = start();
		String sid = this.servers.polling(server).handshake().sid();

		RawConnection.Head head = this.servers.raw(server).upgrade("EIO=4&transport=websocket&sid=" + sid).readHead();

		assertThat(head.status()).isEqualTo(101);
		assertThat(head.values("set-cookie")).containsExactly(NODE_COOKIE);
		assertThat(this.seen).containsExactly(Transport.POLLING, Transport.WEBSOCKET);
	}

	@Test
	void laterPollsAndRefusedRequestsCarryNone() {
		TestEngineServer server = start();
		PollingClient client = this.servers.polling(server);
		String sid = client.handshake().sid();

		assertThat(client.get(sid + "x").headers().allValues("set-cookie")).isEmpty();
		client.post(sid, "4hi");
		assertThat(client.get(sid).headers().allValues("set-cookie")).isEmpty();
		assertThat(this.seen).containsExactly(Transport.POLLING);
	}

}
