package io.github.springsocketio.server;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.github.springsocketio.server.BadInput.assertEchoes;
import static io.github.springsocketio.server.BadInput.assertEmpty;
import static io.github.springsocketio.server.BadInput.assertGone;
import static io.github.springsocketio.server.BadInput.assertJsonError;
import static io.github.springsocketio.server.BadInput.assertRefusedUpgrade;
import static io.github.springsocketio.server.BadInput.of;
import static io.github.springsocketio.server.BadInput.onCorsServer;
import static io.github.springsocketio.server.BadInput.pollingSocket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP family of the bad-input catalogue: requests refused before or beside a session, with the Node.js server's
 * error codes ({@code {"code":n,"message":..}}) or the empty-bodied statuses it gives inside a polling session.
 */
final class HttpBadInputs {

	private HttpBadInputs() {
	}

	static List<BadInput> cases() {
		return List.of(
				refused("GET", "EIO=4", 400, 0, "Transport unknown"),
				refused("GET", "EIO=4&transport=flash", 400, 0, "Transport unknown"),
				refused("GET", "EIO=4&transport=Polling", 400, 0, "Transport unknown"),
				refused("GET", "EIO=4&transport=%zz", 400, 0, "Transport unknown"),
				refused("GET", "transport=polling", 400, 5, "Unsupported protocol version"),
				refused("GET", "EIO=abc&transport=polling", 400, 5, "Unsupported protocol version"),
				refused("GET", "EIO=3&transport=polling", 400, 5, "Unsupported protocol version"),
				refused("GET", "EIO=4.0&transport=polling", 400, 5, "Unsupported protocol version"),
				refused("GET", "EIO=4&transport=polling&sid=unknownSessionId0000", 400, 1, "Session ID unknown"),
				refused("POST", "EIO=4&transport=polling&sid=unknownSessionId0000", 400, 1, "Session ID unknown"),
				refused("POST", "EIO=4&transport=polling", 400, 2, "Bad handshake method"),
				refused("PUT", "EIO=4&transport=polling", 400, 2, "Bad handshake method"),
				refused("DELETE", "EIO=4&transport=polling", 400, 2, "Bad handshake method"),
				refused("OPTIONS", "EIO=4&transport=polling", 400, 2, "Bad handshake method"),
				refused("GET", "EIO=4&transport=websocket", 400, 3, "Bad request"),
				of("HTTP: PUT on a live session → 500 empty, the session lives on", (server) -> {
					RawPollingClient victim = pollingSocket(server);
					assertEmpty(victim.request("PUT", "EIO=4&transport=polling&sid=" + victim.sid()), 500);
					assertEchoes(victim);
				}),
				of("HTTP: POST one byte over max-http-buffer-size → 413 empty, the session lives on", (server) -> {
					RawPollingClient victim = pollingSocket(server);
					assertEmpty(victim.postBodyExpectingContinue("4" + "x".repeat(BadInputCatalogueTests.MAX_PAYLOAD)),
							413);
					assertEchoes(victim);
				}),
				of("HTTP: POST with Content-Type application/octet-stream (v3 binary) → 400 empty, session closed",
						(server) -> {
							RawPollingClient victim = pollingSocket(server);
							assertEmpty(victim.postBody("42[\"echo\"]", "Content-Type", "application/octet-stream"), 400);
							assertGone(victim);
						}),
				of("HTTP: POST with an unknown Content-Type → read as text, 200 ok", (server) -> {
					RawPollingClient victim = pollingSocket(server);
					HttpResponse<String> response = victim.postBody("427[\"echo\",1]", "Content-Type",
							"application/x-unknown");
					assertThat(List.of(response.statusCode(), response.body())).containsExactly(200, "ok");
					assertThat(victim.poll()).containsExactly("437[1]");
				}),
				of("HTTP: a second concurrent GET on one sid → 400 empty, the first gets a close packet, session gone",
						(server) -> {
							RawPollingClient victim = pollingSocket(server);
							CompletableFuture<HttpResponse<String>> first = victim.pollAsync();
							CompletableFuture<HttpResponse<String>> second = victim.pollAsync();
							// either may reach the server first
							assertThat(List.of(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS)))
								.extracting((response) -> response.statusCode() + " '" + response.body() + "'")
								.containsExactlyInAnyOrder("200 '1'", "400 ''");
							assertGone(victim);
						}),
				of("HTTP: a second POST while one is being read → 400 empty, session gone", (server) -> {
					RawPollingClient victim = pollingSocket(server);
					try (WireClient slow = new WireClient(server.port())) {
						slow.write("POST " + WireClient.PATH + "?EIO=4&transport=polling&sid=" + victim.sid()
								+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20\r\n\r\n42[\"e");
						// the slow POST is in flight once the server read its head; a noop posted before is ignored
						await().atMost(Duration.ofSeconds(5))
							.untilAsserted(() -> assertEmpty(victim.postBody("6"), 400));
						assertGone(victim);
					}
				}),
				of("HTTP: a POST body cut short by the client closing → session closed (transport error), as Node",
						(server) -> {
							RawPollingClient victim = pollingSocket(server);
							try (WireClient cut = new WireClient(server.port())) {
								cut.write("POST " + WireClient.PATH + "?EIO=4&transport=polling&sid=" + victim.sid()
										+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20\r\n\r\n42[\"e");
							}
							// a poll held meanwhile gets the close packet, one arriving after the end is refused
							HttpResponse<String> poll = victim.pollAsync().get(5, TimeUnit.SECONDS);
							assertThat(poll.statusCode() + " " + poll.body()).isIn("200 1",
									"400 {\"code\":1,\"message\":\"Session ID unknown\"}");
							assertGone(victim);
						}),
				of("HTTP: POST on a polling session with transport=websocket → 400 {code:3}", (server) -> {
					RawPollingClient victim = pollingSocket(server);
					assertJsonError(victim.request("POST", "EIO=4&transport=websocket&sid=" + victim.sid()), 400, 3,
							"Bad request");
					assertEchoes(victim);
				}),
				of("HTTP: Origin with a control character → 400 empty from the HTTP decoder, connection closed",
						(server) -> {
							try (WireClient client = new WireClient(server.port())) {
								WireClient.Response response = client.request("GET", "EIO=4&transport=polling",
										"Origin: http://a\u007fb");
								assertThat(List.of(response.status(), response.body())).containsExactly(400, "");
								assertThat(client.closedByServer()).isTrue();
							}
						}),
				of("HTTP: a malformed percent escape in the query → served, the escape kept as written", (server) -> {
					try (WireClient client = new WireClient(server.port())) {
						WireClient.Response response = client.request("GET", "EIO=4&transport=polling&x=%zz%");
						assertThat(response.status()).isEqualTo(200);
						assertThat(response.body()).startsWith("0{\"sid\":");
					}
				}),
				of("HTTP: a request line over 4 KB (Reactor Netty's limit here) → 414, connection closed", (server) -> {
					try (WireClient client = new WireClient(server.port())) {
						WireClient.Response response = client.request("GET",
								"EIO=4&transport=polling&x=" + "a".repeat(5000));
						assertThat(response.status()).isEqualTo(414);
						assertThat(client.closedByServer()).isTrue();
					}
				}),
				of("HTTP: request headers over 8 KB (Reactor Netty's limit here) → 431, connection closed", (server) -> {
					try (WireClient client = new WireClient(server.port())) {
						WireClient.Response response = client.request("GET", "EIO=4&transport=polling",
								"X-Big: " + "a".repeat(9000));
						assertThat(response.status()).isEqualTo(431);
						assertThat(client.closedByServer()).isTrue();
					}
				}),
				of("HTTP: bytes that are not HTTP → 400, connection closed", (server) -> {
					try (WireClient client = new WireClient(server.port())) {
						client.write("\u0016\u0003\u0001 hello\r\n\r\n");
						assertThat(client.readResponse().status()).isEqualTo(400);
						assertThat(client.closedByServer()).isTrue();
					}
				}),
				refusedUpgrade("EIO=4&transport=websocket&sid=unknownSessionId0000", "Session ID unknown"),
				refusedUpgrade("EIO=3&transport=websocket", "Unsupported protocol version"),
				refusedUpgrade("EIO=4&transport=polling", "Bad request"),
				refusedUpgrade("EIO=4&transport=flash", "Transport unknown"),
				of("HTTP: WebSocket upgrade without Sec-WebSocket-Key → 400 text, connection closed", (server) -> {
					try (WireClient client = new WireClient(server.port())) {
						assertRefusedUpgrade(client,
								client.request("GET", "EIO=4&transport=websocket", "Upgrade: websocket",
										"Connection: Upgrade", "Sec-WebSocket-Version: 13"),
								400, "Missing or invalid Sec-WebSocket-Key header");
					}
				}),
				of("HTTP: WebSocket upgrade with Sec-WebSocket-Version 12 → 400 text, connection closed", (server) -> {
					try (WireClient client = new WireClient(server.port())) {
						assertRefusedUpgrade(client,
								client.request("GET", "EIO=4&transport=websocket", "Upgrade: websocket",
										"Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
										"Sec-WebSocket-Version: 12"),
								400, "Missing or invalid Sec-WebSocket-Version header");
					}
				}),
				onCorsServer("HTTP: polling handshake from a disallowed Origin → 403 {code:4,\"Origin not allowed\"}",
						(server) -> {
							try (WireClient client = new WireClient(server.port())) {
								assertJsonError(client.request("GET", "EIO=4&transport=polling",
										"Origin: http://evil.example"), 403, 4, "Origin not allowed");
							}
						}),
				onCorsServer("HTTP: a disallowed Origin with the sid of a live session → 403 {code:4}, the session lives on",
						(server) -> {
							RawPollingClient victim = pollingSocket(server);
							try (WireClient client = new WireClient(server.port())) {
								assertJsonError(client.request("GET", "EIO=4&transport=polling&sid=" + victim.sid(),
										"Origin: http://evil.example"), 403, 4, "Origin not allowed");
							}
							assertEchoes(victim);
						}),
				onCorsServer("HTTP: WebSocket upgrade from a disallowed Origin → 403 text, connection closed", (server) -> {
					try (WireClient client = new WireClient(server.port())) {
						assertRefusedUpgrade(client,
								client.upgrade("EIO=4&transport=websocket", "Origin: http://evil.example"), 403,
								"Origin not allowed");
					}
				}),
				onCorsServer("HTTP: polling handshake from the allowed Origin → served with its CORS header", (server) -> {
					try (WireClient client = new WireClient(server.port())) {
						WireClient.Response response = client.request("GET", "EIO=4&transport=polling",
								"Origin: " + BadInput.ALLOWED_ORIGIN);
						assertThat(response.status()).isEqualTo(200);
						assertThat(response.header("access-control-allow-origin")).isEqualTo(BadInput.ALLOWED_ORIGIN);
					}
				}));
	}

	private static BadInput refused(String method, String query, int status, int code, String message) {
		return of("HTTP: " + method + " ?" + query + " → " + status + " {code:" + code + "}", (server) -> {
			try (WireClient client = new WireClient(server.port())) {
				assertJsonError(client.request(method, query), status, code, message);
			}
		});
	}

	private static BadInput refusedUpgrade(String query, String message) {
		return of("HTTP: WebSocket upgrade ?" + query + " → 400 text '" + message + "', connection closed",
				(server) -> {
					try (WireClient client = new WireClient(server.port())) {
						assertRefusedUpgrade(client, client.upgrade(query), 400, message);
					}
				});
	}

}
