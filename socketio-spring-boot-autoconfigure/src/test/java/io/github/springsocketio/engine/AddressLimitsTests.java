package io.github.springsocketio.engine;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.github.springsocketio.metrics.EngineIoMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handshakes past the limits of their client address are refused as Node's {@code allowRequest} refuses them, while
 * clients from other addresses (another loopback address, or another client named by a trusted proxy) are served;
 * sessions that end give their place back. Every refusal is counted by its limit.
 */
class AddressLimitsTests {

	private static final String OTHER_ADDRESS = "127.0.0.2";

	private static final String TOO_MANY_CONNECTIONS = "{\"code\":4,\"message\":\"Too many connections from this address\"}";

	private static final String TOO_MANY_HANDSHAKES = "{\"code\":4,\"message\":\"Too many handshakes from this address\"}";

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private TestEngineServer start(UnaryOperator<AddressLimits.Builder> limits) {
		TestEngineServer server = this.servers
			.start((options) -> options.addressLimits(limits.apply(AddressLimits.builder()).build()));
		new EngineIoMetrics(server.engine()).bindTo(this.meters);
		return server;
	}

	private record Answer(int status, String body) {
	}

	/** A polling handshake from a local address, with headers. */
	private static Answer handshake(TestEngineServer server, String from, String... headers) {
		return HttpClient.create(ConnectionProvider.newConnection())
			.bindAddress(() -> new InetSocketAddress(from, 0))
			.headers((all) -> {
				for (int i = 0; i < headers.length; i += 2) {
					all.add(headers[i], headers[i + 1]);
				}
			})
			.get()
			.uri(server.uri("EIO=4&transport=polling").toString())
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> new Answer(response.status().code(), text)))
			.block(Duration.ofSeconds(20));
	}

	private static void assertOpened(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).startsWith("0{\"sid\":\"");
	}

	private double exceeded(AddressLimit limit) {
		return this.meters.get("engineio.limits.exceeded").tag("limit", limit.tag()).counter().count();
	}

	@Test
	void anAddressPastItsConnectionsIsRefusedWhileAnotherIsServedAndAClosedSessionGivesItsPlaceBack()
			throws Exception {
		TestEngineServer server = start((limits) -> limits.connectionsPerAddress(3));
		Answer first = handshake(server, "127.0.0.1");
		assertOpened(first);
		for (int i = 0; i < 2; i++) {
			assertOpened(handshake(server, "127.0.0.1"));
		}

		Answer refused = handshake(server, "127.0.0.1");
		RawConnection upgrade = this.servers.raw(server).upgrade("EIO=4&transport=websocket");

		assertThat(refused).isEqualTo(new Answer(403, TOO_MANY_CONNECTIONS));
		RawConnection.Head head = upgrade.readHead();
		assertThat(head.status()).as("a refused upgrade, as Node writes it").isEqualTo(400);
		assertThat(upgrade.readBody(Integer.parseInt(head.header("content-length"))))
			.isEqualTo("Too many connections from this address");
		assertOpened(handshake(server, OTHER_ADDRESS));
		assertThat(exceeded(AddressLimit.CONNECTIONS_PER_ADDRESS)).isEqualTo(2);
		assertThat(this.meters.get("engineio.handshake.errors").tag("code", "4").counter().count()).isEqualTo(2);

		String sid = first.body().substring(9, 29);
		assertThat(this.servers.polling(server).post(sid, "1").statusCode()).as("the client closes a session")
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(20))
			.alias("the closed session's place is given back")
			.until(() -> handshake(server, "127.0.0.1").status() == 200);
	}

	@Test
	void aFloodOfWebSocketsFromOneAddressOpensNoMoreThanTheLimitAndTheyAllComeBackWhenClosed() {
		int limit = 20;
		int flood = 200;
		TestEngineServer server = start((limits) -> limits.connectionsPerAddress(limit));
		LoopResources loops = LoopResources.create("flood", 1, true);
		this.servers.register(loops::dispose);
		HttpClient client = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops);
		String uri = server.webSocketUri("EIO=4&transport=websocket").toString();
		AtomicInteger opened = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();

		// the sessions opened stay open until the end of the flood, so that they all count at once
		Disposable connections = Flux.range(0, flood)
			.flatMap((i) -> client.websocket()
				.uri(uri)
				.handle((in, out) -> in.receive()
					.asString()
					.index()
					.doOnNext((message) -> {
						if (message.getT1() == 0) {
							opened.incrementAndGet(); // the open packet; reading on keeps the connection open
						}
					})
					.then())
				.then()
				.onErrorResume((ex) -> {
					refused.incrementAndGet();
					return Mono.empty();
				}), flood)
			.subscribe();
		this.servers.register(connections::dispose);
		await().atMost(Duration.ofSeconds(120)).until(() -> opened.get() + refused.get() == flood);

		assertThat(opened).hasValue(limit);
		assertThat(refused).hasValue(flood - limit);
		assertThat(server.engine().sessionCount()).isEqualTo(limit);
		assertOpened(handshake(server, OTHER_ADDRESS));
		assertThat(exceeded(AddressLimit.CONNECTIONS_PER_ADDRESS)).isEqualTo(flood - limit);

		connections.dispose();
		await().atMost(Duration.ofSeconds(30)).until(() -> server.engine().sessionCount() == 1);
		for (int i = 0; i < limit; i++) {
			assertOpened(handshake(server, "127.0.0.1"));
		}
	}

	@Test
	void handshakesFasterThanTheRateAreRefusedEvenWhenTheirSessionsAreClosed() {
		TestEngineServer server = start((limits) -> limits.handshakesPerSecond(1).handshakeBurst(3));
		for (int i = 0; i < 3; i++) {
			assertOpened(handshake(server, "127.0.0.1"));
			server.engine().sessions().forEach(EngineIoSession::close);
		}

		assertThat(handshake(server, "127.0.0.1")).isEqualTo(new Answer(403, TOO_MANY_HANDSHAKES));
		assertOpened(handshake(server, OTHER_ADDRESS));
		assertThat(exceeded(AddressLimit.HANDSHAKES_PER_SECOND_PER_ADDRESS)).isGreaterThanOrEqualTo(1);
		await().atMost(Duration.ofSeconds(20))
			.alias("a token earned a second later")
			.until(() -> handshake(server, "127.0.0.1").status() == 200);
	}

	@Test
	void behindATrustedProxyEachClientItNamesIsCountedByItself() {
		TestEngineServer server = start((limits) -> limits.connectionsPerAddress(1)
			.trustedProxies(List.of("127.0.0.0/8")));

		assertOpened(handshake(server, "127.0.0.1", "X-Forwarded-For", "198.51.100.1"));
		assertThat(handshake(server, "127.0.0.1", "X-Forwarded-For", "198.51.100.1"))
			.isEqualTo(new Answer(403, TOO_MANY_CONNECTIONS));
		assertThat(handshake(server, "127.0.0.1", "X-Forwarded-For", "198.51.100.2, 198.51.100.1"))
			.as("a client cannot pass by writing another address left of what its proxy added")
			.isEqualTo(new Answer(403, TOO_MANY_CONNECTIONS));
		assertOpened(handshake(server, "127.0.0.1", "X-Forwarded-For", "198.51.100.2"));
		assertOpened(handshake(server, "127.0.0.1", "Forwarded", "for=\"[2001:db8::1]:4711\""));
		assertThat(handshake(server, "127.0.0.1", "Forwarded", "for=\"[2001:db8::2]\""))
			.as("the same IPv6 /64")
			.isEqualTo(new Answer(403, TOO_MANY_CONNECTIONS));
	}

	@Test
	void anUntrustedPeerIsCountedByItsOwnAddressWhateverItsHeadersSay() {
		TestEngineServer server = start((limits) -> limits.connectionsPerAddress(1)
			.trustedProxies(List.of("10.0.0.0/8")));

		assertOpened(handshake(server, "127.0.0.1", "X-Forwarded-For", "198.51.100.1"));

		assertThat(handshake(server, "127.0.0.1", "X-Forwarded-For", "198.51.100.2"))
			.isEqualTo(new Answer(403, TOO_MANY_CONNECTIONS));
		assertThat(Map.of("sessions", server.engine().sessionCount())).containsEntry("sessions", 1);
	}

}
