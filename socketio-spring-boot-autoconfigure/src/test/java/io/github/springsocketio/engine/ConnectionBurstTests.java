package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of thousands of WebSocket connections opened at the same moment: every one gets its own session, a client
 * arriving in the middle of it is served, and every session is forgotten once its connection closes.
 */
class ConnectionBurstTests {

	private static final int BURST = 5_000;

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void fiveThousandWebSocketsOpenedAtOnceEachGetASessionAndAreForgottenWhenTheyClose() {
		TestEngineServer server = this.servers.start();
		LoopResources loops = LoopResources.create("burst", 1, true);
		this.servers.register(loops::dispose);
		HttpClient client = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops);
		String uri = server.webSocketUri("EIO=4&transport=websocket").toString();

		// Each connection reads its open packet and then closes, so the whole burst is in flight at once.
		List<String> opens = Flux.range(0, BURST)
			.flatMap((i) -> client.websocket()
				.uri(uri)
				.handle((in, out) -> in.receive().asString().next())
				.next(), BURST)
			.collectList()
			.block(Duration.ofSeconds(120));
		String bystander = this.servers.polling(server).handshake().sid();

		assertThat(opens).hasSize(BURST).allSatisfy((open) -> assertThat(open).startsWith("0{\"sid\":\""));
		Set<String> sids = new HashSet<>();
		opens.forEach((open) -> sids.add(open.substring(9, 29)));
		assertThat(sids).as("one session each").hasSize(BURST);
		assertThat(bystander).hasSize(20);
		await().atMost(Duration.ofSeconds(30))
			.alias("every session of the burst is forgotten once its connection closed")
			.until(() -> server.engine().sessionCount() == 1);
	}

}
