package io.github.springsocketio.server;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.springsocketio.server.Json.array;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A binary packet counts against {@code maxHttpBufferSize} as a whole while it is reassembled: a client announcing
 * many attachments, each under the limit, is closed with {@code parse error} once the packet would pass it, and the
 * other clients are served on.
 */
class PartialBinaryPacketTests {

	private static final int LIMIT = 10_000;

	private static final String TEN_ATTACHMENTS;

	static {
		StringBuilder header = new StringBuilder("4510-[\"upload\"");
		for (int i = 0; i < 10; i++) {
			header.append(",{\"_placeholder\":true,\"num\":").append(i).append('}');
		}
		TEN_ATTACHMENTS = header.append(']').toString();
	}

	@RegisterExtension
	static final SocketIOExtension io = new SocketIOExtension();

	private final ServerSockets sockets = new ServerSockets();

	private final EventLog<Integer> uploads = new EventLog<>("upload sizes");

	private TestSocketIOServer start() {
		return io.start((engine) -> engine.maxHttpBufferSize(LIMIT),
				(server) -> server.onConnection(this.sockets).onConnection((socket) -> {
					socket.on("upload", (args, ack) -> this.uploads.add(args.size()));
					socket.on("echo", (args, ack) -> ack.send(args.toArray()));
				}));
	}

	@Test
	void attachmentsThatTogetherPassTheLimitCloseTheConnectionWithParseError() {
		TestSocketIOServer server = start();
		RawPollingClient attacker = io.polling(server);
		String id = joinMainNamespace(attacker);
		TestClient bystander = io.client(ClientKind.JAVA, server);
		bystander.awaitConnect();

		// each body and each attachment is under the limit; the second attachment takes the packet past it
		attacker.post(TEN_ATTACHMENTS, attachment(6_000));
		attacker.post(attachment(6_000));

		assertThat(this.sockets.awaitDisconnect(id)).isEqualTo(DisconnectReason.PARSE_ERROR);
		assertThat(Awaits.result(bystander.emitWithAck("echo", "unaffected"))).isEqualTo(array("unaffected"));
	}

	@Test
	void aBinaryPacketUnderTheLimitIsDelivered() {
		TestSocketIOServer server = start();
		RawPollingClient client = io.polling(server);
		String id = joinMainNamespace(client);

		client.post("452-[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
				attachment(3_000), attachment(3_000));

		assertThat(this.uploads.next((size) -> true, Awaits.TIMEOUT, "upload")).isEqualTo(2);
		assertThat(this.sockets.byId(id).connected()).isTrue();
	}

	/** @return the socket id */
	private static String joinMainNamespace(RawPollingClient client) {
		client.handshake();
		client.post("40");
		return Json.parse(client.poll().get(0).substring(2)).get("sid").asString();
	}

	private static String attachment(int size) {
		return "b" + Base64.getEncoder().encodeToString(new byte[size]);
	}

}
