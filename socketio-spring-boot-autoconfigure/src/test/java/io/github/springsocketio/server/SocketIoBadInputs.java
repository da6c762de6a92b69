package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;

import static io.github.springsocketio.server.BadInput.assertClosePacketThenGone;
import static io.github.springsocketio.server.BadInput.assertClosedByServer;
import static io.github.springsocketio.server.BadInput.assertEchoes;
import static io.github.springsocketio.server.BadInput.of;
import static io.github.springsocketio.server.BadInput.pollingSocket;
import static io.github.springsocketio.server.BadInput.webSocketSocket;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Socket.IO family of the bad-input catalogue: packets that break the Socket.IO encoding (any of them closes the
 * whole connection, as socket.io-parser's errors do), packets out of place for the namespace state, and the
 * mistakes the reference answers without closing (an unknown namespace, an unknown ack id).
 */
final class SocketIoBadInputs {

	private SocketIoBadInputs() {
	}

	static List<BadInput> cases() {
		List<BadInput> cases = new ArrayList<>(List.of(
				closes("an empty Socket.IO packet", "4"),
				closes("packet type 9", "49[\"echo\"]"),
				closes("a letter as packet type", "4abc"),
				closes("an EVENT without payload", "42"),
				closes("an EVENT whose payload is an object", "42{}"),
				closes("an EVENT whose payload is a string", "42\"echo\""),
				closes("an EVENT whose payload is an empty array", "42[]"),
				closes("an EVENT whose name is an object", "42[{}]"),
				closes("an EVENT whose name is null", "42[null]"),
				closes("an EVENT whose name is a boolean", "42[true]"),
				closes("an EVENT of JSON cut short", "42[\"echo\","),
				closes("an EVENT with garbage after its JSON", "42[\"echo\"]x"),
				closes("an EVENT with letters where the ack id goes", "42abc[\"echo\"]"),
				closes("an ack id past the range of a long", "4299999999999999999999[\"echo\"]"),
				closes("a CONNECT whose payload is a string", "40/custom,\"hello\""),
				closes("a CONNECT whose payload is an array", "40/custom,[1]"),
				closes("a DISCONNECT with a payload", "41{}"),
				closes("a CONNECT_ERROR from the client", "44{\"message\":\"x\"}"),
				closes("an ACK whose payload is an object", "43999{}"),
				closes("a BINARY_EVENT announcing 0 attachments", "450-[\"echo\"]"),
				closes("a BINARY_EVENT announcing 11 attachments (max 10)", "4511-[\"echo\"]"),
				closes("a BINARY_EVENT with letters as attachment count", "45x-[\"echo\"]"),
				closes("a BINARY_EVENT without the dash after its count", "451[\"echo\"]"),
				closes("an EVENT for a namespace not joined", "42/custom,[\"echo\"]"),
				closes("an EVENT whose namespace runs to the end (no comma, no payload)", "42/custom"),
				closes("a namespace without its leading slash", "42custom,[\"echo\"]"),
				closes("a DISCONNECT of a namespace not joined", "41/custom,"),
				closes("a second CONNECT to a joined namespace", "40"),
				closes("an EVENT after leaving the namespace", "41", "42[\"echo\"]"),
				closes("a placeholder index past the attachments",
						"451-[\"echo\"," + placeholder(1) + "]", BINARY),
				closes("more placeholders than attachments announced",
						"451-[\"echo\"," + placeholder(0) + "," + placeholder(1) + "]", BINARY),
				closes("a placeholder whose num is a string",
						"451-[\"echo\",{\"_placeholder\":true,\"num\":\"0\"}]", BINARY),
				closes("a negative placeholder index", "451-[\"echo\"," + placeholder(-1) + "]", BINARY),
				closes("a text packet where an attachment is due", "451-[\"echo\"," + placeholder(0) + "]",
						"42[\"echo\"]"),
				closes("an EVENT nested 100,000 arrays deep (survived, refused)",
						"42[\"echo\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]"),
				closes("a CONNECT whose auth is nested 100,000 objects deep",
						"40/custom," + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)),
				of("SIO: an EVENT before any CONNECT → connection closed, 1000", (server) -> {
					try (WireClient victim = WireClient.webSocket(server.port())) {
						victim.sendText("42[\"echo\"]");
						assertClosedByServer(victim);
					}
				}),
				of("SIO: polling, a reserved event name → 200 ok, the next poll gets the close packet", (server) -> {
					RawPollingClient victim = pollingSocket(server);
					victim.post("42[\"disconnect\"]");
					assertClosePacketThenGone(victim);
				}),
				of("SIO: polling, an EVENT before any CONNECT → 200 ok, the next poll gets the close packet",
						(server) -> {
							RawPollingClient victim = new RawPollingClient(server);
							victim.handshake();
							victim.post("42[\"echo\"]");
							assertClosePacketThenGone(victim);
						}),
				of("SIO: CONNECT to an unknown namespace → CONNECT_ERROR 'Invalid namespace', connection kept",
						(server) -> {
							try (WireClient victim = webSocketSocket(server)) {
								victim.sendText("40/nope,");
								assertThat(victim.nextText()).isEqualTo("44/nope,{\"message\":\"Invalid namespace\"}");
								assertEchoes(victim);
							}
						}),
				of("SIO: CONNECT to an unknown namespace before any other → CONNECT_ERROR, connection kept",
						(server) -> {
							try (WireClient victim = WireClient.webSocket(server.port())) {
								victim.sendText("40/nope");
								assertThat(victim.nextText()).isEqualTo("44/nope,{\"message\":\"Invalid namespace\"}");
								victim.sendText("40");
								assertThat(victim.nextText()).startsWith("40{\"sid\":");
							}
						}),
				BadInput.ignored("SIO: ACK for an unknown id → ignored", "43999[1]"),
				BadInput.ignored("SIO: a numeric event name → accepted (no handler), connection kept",
						"42[123,\"x\"]"),
				of("SIO: a number past the range of a long in the arguments → echoed exactly", (server) -> {
					try (WireClient victim = webSocketSocket(server)) {
						victim.sendText("421[\"echo\",123456789012345678901234567890]");
						assertThat(victim.nextText()).isEqualTo("431[123456789012345678901234567890]");
					}
				}),
				of("SIO: the largest ack id (15 digits) → answered with it", (server) -> {
					try (WireClient victim = webSocketSocket(server)) {
						victim.sendText("42999999999999999[\"echo\"]");
						assertThat(victim.nextText()).isEqualTo("43999999999999999[]");
					}
				}),
				of("SIO: fewer placeholders than attachments announced → accepted, the extra attachment dropped",
						(server) -> {
							try (WireClient victim = webSocketSocket(server)) {
								victim.sendText("452-1[\"echo\"," + placeholder(0) + "]");
								victim.sendBinary(new byte[] { 1, 2 });
								victim.sendBinary(new byte[] { 3 });
								assertThat(victim.nextText()).isEqualTo("461-1[" + placeholder(0) + "]");
								assertThat(victim.nextBinary()).containsExactly(1, 2);
								assertEchoes(victim);
							}
						}),
				of("SIO: 1,000 premature CONNECTs while the middleware decides → one CONNECT reply", (server) -> {
					try (WireClient victim = WireClient.webSocket(server.port())) {
						String connect = "40" + BadInput.SLOW_NAMESPACE + ",";
						for (int i = 0; i < 1_000; i++) {
							victim.sendText(connect);
						}
						assertThat(victim.nextText()).startsWith(connect + "{\"sid\":");
						assertEchoes(victim, BadInput.SLOW_NAMESPACE + ",");
					}
				})));
		for (String reserved : List.of("connect", "connect_error", "disconnect", "disconnecting", "newListener",
				"removeListener")) {
			cases.add(closes("the reserved event name '" + reserved + "'", "42[\"" + reserved + "\"]"));
		}
		return cases;
	}

	/** A binary frame, where it appears among the messages of a case. */
	private static final String BINARY = "<binary>";

	/**
	 * A socket of the default namespace sends the messages (Engine.IO encoded; {@link #BINARY} for a binary frame)
	 * and its connection is closed.
	 */
	private static BadInput closes(String what, String... messages) {
		String shown = (messages[0].length() > 60) ? messages[0].substring(0, 40) + "…" : messages[0];
		return of("SIO: " + what + " (" + shown + ") → connection closed, 1000", (server) -> {
			try (WireClient victim = webSocketSocket(server)) {
				for (String message : messages) {
					if (BINARY.equals(message)) {
						victim.sendBinary(new byte[] { 1, 2, 3 });
					}
					else {
						victim.sendText(message);
					}
				}
				assertClosedByServer(victim);
			}
		});
	}

	private static String placeholder(int num) {
		return "{\"_placeholder\":true,\"num\":" + num + "}";
	}

}
