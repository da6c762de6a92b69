package io.github.springsocketio.server;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.github.springsocketio.server.BadInput.assertClosePacketThenGone;
import static io.github.springsocketio.server.BadInput.assertClosedByServer;
import static io.github.springsocketio.server.BadInput.assertEchoes;
import static io.github.springsocketio.server.BadInput.assertEmpty;
import static io.github.springsocketio.server.BadInput.assertGone;
import static io.github.springsocketio.server.BadInput.assertJsonError;
import static io.github.springsocketio.server.BadInput.of;
import static io.github.springsocketio.server.BadInput.pollingSocket;
import static io.github.springsocketio.server.BadInput.webSocketSocket;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Engine.IO family of the bad-input catalogue: packets that break the Engine.IO encoding or its rules, over
 * polling and WebSocket, and WebSocket frames that break RFC 6455.
 */
final class EngineIoBadInputs {

	private static final int MAX = BadInputCatalogueTests.MAX_PAYLOAD;

	private EngineIoBadInputs() {
	}

	static List<BadInput> cases() {
		return List.of(
				invalidPollingPayload("an empty body", ""),
				invalidPollingPayload("packet type 9", "9"),
				invalidPollingPayload("packet type 7, just past noop", "7"),
				invalidPollingPayload("a letter as packet type", "x"),
				invalidPollingPayload("'b' and base64 cut short", "bA"),
				of("EIO: polling POST of 'b' and non-base64 characters → read leniently as Node (an empty binary),"
						+ " which Socket.IO refuses: 200 ok, then the close packet", (server) -> {
							RawPollingClient victim = pollingSocket(server);
							assertOk(victim.postBody("b!!!"));
							assertClosePacketThenGone(victim);
						}),
				invalidPollingPayload("an empty packet between separators", "3\u001e\u001e3"),
				of("EIO: polling POST of a ping (v4 clients must not ping) → 200 ok, session closed", (server) -> {
					RawPollingClient victim = pollingSocket(server);
					assertOk(victim.postBody("2"));
					assertGone(victim);
				}),
				of("EIO: polling POST of a close packet → 200 ok, one late poll gets a noop, then session gone",
						(server) -> {
							RawPollingClient victim = pollingSocket(server);
							assertOk(victim.postBody("1"));
							assertThat(victim.poll()).containsExactly("6");
							assertGone(victim);
						}),
				ignoredOnPolling("an upgrade packet without probe", "5"),
				ignoredOnPolling("an open packet", "0"),
				ignoredOnPolling("a noop packet", "6"),
				ignoredOnPolling("a pong nobody asked for", "3"),
				invalidWebSocketText("an empty text frame", ""),
				invalidWebSocketText("packet type 9", "9"),
				invalidWebSocketText("packet type 7, just past noop", "7"),
				invalidWebSocketText("a letter as packet type", "x"),
				invalidWebSocketText("'b' and base64 cut short", "bA"),
				invalidWebSocketText("'b' and non-base64 characters (an empty binary, refused by Socket.IO)", "b!!!"),
				invalidWebSocketText("a ping (v4 clients must not ping)", "2"),
				invalidWebSocketText("a probe ping on a session that is not upgrading", "2probe"),
				of("EIO: WebSocket close packet → session closed, close frame 1000", (server) -> {
					try (WireClient victim = webSocketSocket(server)) {
						victim.sendText("1");
						assertClosedByServer(victim);
					}
				}),
				BadInput.ignored("EIO: WebSocket upgrade packet on a WebSocket-only session → ignored", "5"),
				of("EIO: WebSocket binary frame of garbage (no binary packet announced) → closed, 1000", (server) -> {
					try (WireClient victim = webSocketSocket(server)) {
						victim.sendBinary(new byte[] { (byte) 0xff, 0, 0x1e, 0x7f });
						assertClosedByServer(victim);
					}
				}),
				closeCode("a text frame one byte over max-http-buffer-size", 1009,
						(victim) -> victim.sendFrameHead(0x81, MAX + 1)),
				closeCode("a binary frame one byte over max-http-buffer-size", 1009,
						(victim) -> victim.sendFrameHead(0x82, MAX + 1)),
				closeCode("a fragmented text message over max-http-buffer-size", 1009, (victim) -> {
					victim.sendFrame(0x01, ("4" + "x".repeat(MAX / 2)).getBytes(StandardCharsets.UTF_8));
					victim.sendFrame(0x80, "x".repeat(MAX / 2).getBytes(StandardCharsets.UTF_8));
				}),
				closeCode("a text frame of invalid UTF-8 (C0 AF)", 1007,
						(victim) -> victim.sendFrame(0x81, new byte[] { '4', (byte) 0xc0, (byte) 0xaf })),
				closeCode("a text frame with an encoded surrogate (ED A0 80)", 1007,
						(victim) -> victim.sendFrame(0x81, new byte[] { '4', (byte) 0xed, (byte) 0xa0, (byte) 0x80 })),
				closeCode("a frame with RSV1 set", 1002, (victim) -> victim.sendFrame(0xc1, bytes("4x"))),
				closeCode("a frame with RSV3 set", 1002, (victim) -> victim.sendFrame(0x91, bytes("4x"))),
				closeCode("a frame with the reserved opcode 3", 1002, (victim) -> victim.sendFrame(0x83, bytes("4x"))),
				closeCode("a continuation frame with no message begun", 1002,
						(victim) -> victim.sendFrame(0x80, bytes("4x"))),
				closeCode("a ping frame over 125 bytes", 1002, (victim) -> victim.sendFrame(0x89, new byte[126])),
				closeCode("a fragmented ping frame", 1002, (victim) -> victim.sendFrame(0x09, bytes("x"))),
				closeCode("an unmasked frame", 1002, (victim) -> victim.write(new byte[] { (byte) 0x81, 2, '4', 'x' })),
				of("EIO: upgrade packet on the probe WebSocket without a probe → upgraded anyway, as Node does",
						(server) -> {
							RawPollingClient victim = pollingSocket(server);
							try (WireClient probe = probe(server, victim)) {
								probe.sendText("5");
								assertEchoes(probe);
								assertJsonError(victim.get(), 400, 3, "Bad request");
							}
						}),
				of("EIO: a message on the probe WebSocket before the upgrade → probe closed, polling goes on",
						(server) -> {
							RawPollingClient victim = pollingSocket(server);
							try (WireClient probe = probe(server, victim)) {
								probe.sendText("42[\"echo\"]");
								assertClosedByServer(probe);
							}
							assertEchoes(victim);
						}),
				of("EIO: a second probe WebSocket on a session already upgraded → 101 then closed, the first lives on",
						(server) -> {
							RawPollingClient victim = pollingSocket(server);
							try (WireClient upgraded = upgrade(server, victim)) {
								assertEchoes(upgraded);
								try (WireClient second = probe(server, victim)) {
									assertClosedByServer(second);
								}
								assertEchoes(upgraded);
							}
						}),
				of("EIO: a probe ping on the WebSocket the session already upgraded to → closed, 1000", (server) -> {
					RawPollingClient victim = pollingSocket(server);
					try (WireClient upgraded = upgrade(server, victim)) {
						upgraded.sendText("2probe");
						assertClosedByServer(upgraded);
					}
				}),
				of("EIO: a second WebSocket presenting the sid of a live WebSocket session → 101 then closed",
						(server) -> {
							try (WireClient victim = WireClient.webSocket(server.port());
									WireClient intruder = new WireClient(server.port())) {
								String sid = victim.sid();
								intruder.upgrade("EIO=4&transport=websocket&sid=" + sid).assertStatus(101);
								assertClosedByServer(intruder);
								victim.sendText("40");
								assertThat(victim.nextText()).startsWith("40{\"sid\":");
							}
						}),
				of("EIO: a poll with the sid of a WebSocket session → 400 {code:3}", (server) -> {
					try (WireClient victim = WireClient.webSocket(server.port())) {
						String sid = victim.sid();
						try (WireClient poll = new WireClient(server.port())) {
							assertJsonError(poll.request("GET", "EIO=4&transport=polling&sid=" + sid), 400, 3,
									"Bad request");
						}
						victim.sendText("40");
						assertThat(victim.nextText()).startsWith("40{\"sid\":");
					}
				}));
	}

	/** Opens a WebSocket for a polling session: the probe of an upgrade. */
	private static WireClient probe(TestSocketIOServer server, RawPollingClient session) {
		WireClient webSocket = new WireClient(server.port());
		webSocket.upgrade("EIO=4&transport=websocket&sid=" + session.sid()).assertStatus(101);
		return webSocket;
	}

	/** Upgrades a polling session to WebSocket as clients do: probe, then upgrade packet. */
	private static WireClient upgrade(TestSocketIOServer server, RawPollingClient session) {
		WireClient webSocket = probe(server, session);
		webSocket.sendText("2probe");
		assertThat(webSocket.nextText()).isEqualTo("3probe");
		webSocket.sendText("5");
		return webSocket;
	}

	private static BadInput invalidPollingPayload(String what, String body) {
		return of("EIO: polling POST of " + what + " → 400 empty, session closed", (server) -> {
			RawPollingClient victim = pollingSocket(server);
			assertEmpty(victim.postBody(body), 400);
			assertGone(victim);
		});
	}

	private static BadInput ignoredOnPolling(String what, String packet) {
		return of("EIO: polling POST of " + what + " → 200 ok, ignored", (server) -> {
			RawPollingClient victim = pollingSocket(server);
			assertOk(victim.postBody(packet));
			assertEchoes(victim);
		});
	}

	private static BadInput invalidWebSocketText(String what, String text) {
		return of("EIO: WebSocket text frame of " + what + " → closed, 1000", (server) -> {
			try (WireClient victim = webSocketSocket(server)) {
				victim.sendText(text);
				assertClosedByServer(victim);
			}
		});
	}

	private interface Send {

		void to(WireClient victim);

	}

	private static BadInput closeCode(String what, int code, Send send) {
		return of("WS: " + what + " → close " + code, (server) -> {
			try (WireClient victim = webSocketSocket(server)) {
				send.to(victim);
				assertThat(victim.awaitCloseFrame()).isEqualTo(code);
			}
		});
	}

	private static void assertOk(java.net.http.HttpResponse<String> response) {
		assertThat(List.of(response.statusCode(), response.body())).containsExactly(200, "ok");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
