package io.github.springsocketio.engine;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.resources.LoopResources;

import static io.github.springsocketio.engine.ErrorResponseTests.assertJsonError;
import static io.github.springsocketio.engine.PollingClient.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upgrade from polling to WebSocket: {@code 2probe} answered {@code 3probe} on the WebSocket, the pending poll
 * ended with a noop, {@code 5} moves the session, nothing queued is lost, and polling is refused afterwards.
 */
class UpgradeTests {

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	private TestEngineServer server;

	private PollingClient client;

	private String sid;

	private void open() {
		open(this.servers.start());
	}

	private void open(TestEngineServer server) {
		this.server = server;
		this.client = this.servers.polling(server);
		this.sid = this.client.handshake().sid();
	}

	private EngineIoSession session() {
		return this.server.listener().session(this.sid);
	}

	private WebSocketClient upgradingWebSocket() {
		return this.servers.webSocket(this.server, "EIO=4&transport=websocket&sid=" + this.sid);
	}

	/** Probes and completes the upgrade, the way clients do. */
	private WebSocketClient upgrade() {
		WebSocketClient webSocket = upgradingWebSocket();
		webSocket.sendText("2probe");
		assertThat(webSocket.nextText()).isEqualTo("3probe");
		webSocket.sendText("5");
		this.server.listener().await((e) -> e.kind() == RecordingListener.Kind.UPGRADE && e.sid().equals(this.sid));
		return webSocket;
	}

	@Test
	void theProbeIsAnsweredOnTheWebSocketAndThePendingPollEndsWithANoop() {
		open();
		CompletableFuture<HttpResponse<String>> poll = this.client.getAsync(this.sid);
		WebSocketClient webSocket = upgradingWebSocket();

		webSocket.sendText("2probe");

		assertThat(webSocket.nextText()).isEqualTo("3probe");
		HttpResponse<String> ended = await(poll);
		assertThat(ended.statusCode()).isEqualTo(200);
		assertThat(ended.body()).isEqualTo("6");
		assertThat(session().transport()).isEqualTo(Transport.POLLING);
	}

	@Test
	void aPollArrivingAfterTheProbeIsEndedWithANoop() {
		open();
		WebSocketClient webSocket = upgradingWebSocket();
		webSocket.sendText("2probe");
		assertThat(webSocket.nextText()).isEqualTo("3probe");

		HttpResponse<String> poll = this.client.get(this.sid);

		assertThat(poll.statusCode()).isEqualTo(200);
		assertThat(poll.body()).isEqualTo("6");
	}

	@Test
	void theUpgradePacketMovesTheSessionToTheWebSocketAndTheListenerHearsOfIt() {
		open();

		WebSocketClient webSocket = upgrade();

		assertThat(session().transport()).isEqualTo(Transport.WEBSOCKET);
		assertThat(this.server.listener().events(this.sid, RecordingListener.Kind.UPGRADE)).hasSize(1);
		webSocket.sendText("4over websocket").sendBinary(new byte[] { 7 });
		assertThat(webSocket.nextText()).isEqualTo("4over websocket");
		assertThat(webSocket.nextBinary()).containsExactly(7);
		assertThat(this.server.listener().messages(this.sid)).containsExactly("over websocket", "<binary 1 bytes>");
	}

	@Test
	void packetsQueuedBeforeAndDuringTheUpgradeArriveOnTheWebSocketInOrder() {
		open();
		session().send(EnginePacket.text("before the probe"));
		WebSocketClient webSocket = upgradingWebSocket();
		webSocket.sendText("2probe");
		assertThat(webSocket.nextText()).isEqualTo("3probe");
		assertThat(this.client.get(this.sid).body()).as("a poll once probed gets a noop, not the data").isEqualTo("6");

		session().send(EnginePacket.text("during the upgrade"));
		session().send(EnginePacket.binary(new byte[] { 1, 2, 3 }));
		webSocket.sendText("5");

		assertThat(webSocket.nextText()).isEqualTo("4before the probe");
		assertThat(webSocket.nextText()).isEqualTo("4during the upgrade");
		assertThat(webSocket.nextBinary()).containsExactly(1, 2, 3);
	}

	@Test
	void theUpgradedSessionMovesToItsWebSocketsEventLoopWithoutLosingOrReorderingAPacket() throws Exception {
		LoopResources loops = LoopResources.create("upgrade-test", 2, true);
		this.servers.register(() -> loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block());
		open(this.servers.register(TestEngineServer.start(UnaryOperator.identity(), new RecordingListener(), loops)));
		Executor handshakeLoop = session().eventLoop();
		WebSocketClient webSocket = null;
		Channel channel = null;
		for (int attempt = 0; attempt < 4 && channel == null; attempt++) {
			// two loops take connections in turn: the WebSocket lands on the other loop within two attempts
			WebSocketClient candidate = upgradingWebSocket();
			Channel candidateChannel = Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.server.webSocketChannels(), (channels) -> channels.size() == 1)
				.get(0);
			if (candidateChannel.eventLoop() != handshakeLoop) {
				webSocket = candidate;
				channel = candidateChannel;
			}
			else {
				candidate.close();
				Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.server.webSocketChannels().isEmpty());
			}
		}
		assertThat(channel).as("a WebSocket on another loop than the polling handshake's").isNotNull();
		EventLoop webSocketLoop = channel.eventLoop();
		int count = 200;
		webSocket.sendText("2probe");
		assertThat(webSocket.nextText()).isEqualTo("3probe");
		CountDownLatch sending = new CountDownLatch(1);
		Thread sender = new Thread(() -> {
			for (int i = 0; i < count; i++) {
				session().send(EnginePacket.text("s" + i));
				if (i == 10) {
					sending.countDown();
				}
			}
		});
		sender.start();
		assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

		webSocket.sendText("5"); // while the server's sends go on from another thread
		for (int i = 0; i < count; i++) {
			webSocket.sendText("4c" + i);
		}
		sender.join(10_000);

		assertThat(session().eventLoop()).isSameAs(webSocketLoop);
		CompletableFuture<Boolean> ranOnWebSocketLoop = new CompletableFuture<>();
		session().execute(() -> ranOnWebSocketLoop.complete(webSocketLoop.inEventLoop() && session().inEventLoop()));
		assertThat(ranOnWebSocketLoop.get(10, TimeUnit.SECONDS)).isTrue();
		List<String> sent = new ArrayList<>();
		List<String> echoed = new ArrayList<>();
		while (sent.size() < count || echoed.size() < count) {
			String text = webSocket.nextText();
			(text.startsWith("4s") ? sent : echoed).add(text.substring(1));
		}
		assertThat(sent).containsExactlyElementsOf(IntStream.range(0, count).mapToObj((i) -> "s" + i).toList());
		assertThat(echoed).containsExactlyElementsOf(IntStream.range(0, count).mapToObj((i) -> "c" + i).toList());
		assertThat(this.server.listener().messages(this.sid)).containsExactlyElementsOf(echoed);
	}

	@Test
	void pollingAfterTheUpgradeIsABadRequestAndTheWebSocketIsUnaffected() {
		open();
		WebSocketClient webSocket = upgrade();

		assertJsonError(this.client.get(this.sid), 400, 3, "Bad request");
		assertJsonError(this.client.post(this.sid, "4via polling"), 400, 3, "Bad request");

		webSocket.sendText("4still fine");
		assertThat(webSocket.nextText()).isEqualTo("4still fine");
		assertThat(this.server.listener().messages(this.sid)).containsExactly("still fine");
	}

	@Test
	void aSecondWebSocketForAnUpgradedSessionIsClosedAndTheFirstKeepsWorking() {
		open();
		WebSocketClient webSocket = upgrade();

		WebSocketClient second = upgradingWebSocket();

		assertThat(second.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		webSocket.sendText("4first");
		assertThat(webSocket.nextText()).isEqualTo("4first");
		assertThat(session().isOpen()).isTrue();
	}

	@Test
	void aSecondWebSocketDuringTheUpgradeIsClosedOnceTheFirstProbeIsAnswered() {
		open();
		WebSocketClient first = upgradingWebSocket();
		WebSocketClient second = upgradingWebSocket();

		first.sendText("2probe");

		assertThat(first.nextText()).isEqualTo("3probe");
		assertThat(second.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		first.sendText("5");
		first.sendText("4upgraded");
		assertThat(first.nextText()).isEqualTo("4upgraded");
	}

	@Test
	void anUpgradeThatTimesOutClosesTheWebSocketAndLeavesTheSessionOnPolling() {
		open(this.servers.start((o) -> o.upgradeTimeout(Duration.ofMillis(200))));
		WebSocketClient webSocket = upgradingWebSocket();
		webSocket.sendText("2probe");
		assertThat(webSocket.nextText()).isEqualTo("3probe");

		assertThat(webSocket.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);

		assertThat(session().transport()).isEqualTo(Transport.POLLING);
		assertPollingStillWorks();
		assertThat(this.server.listener().events(this.sid, RecordingListener.Kind.UPGRADE)).isEmpty();
	}

	@Test
	void dataQueuedDuringAnAbortedUpgradeGoesToTheNextPoll() {
		open();
		WebSocketClient webSocket = upgradingWebSocket();
		webSocket.sendText("2probe");
		assertThat(webSocket.nextText()).isEqualTo("3probe");
		session().send(EnginePacket.text("queued"));

		webSocket.close();

		assertThat(this.client.get(this.sid).body()).isEqualTo("4queued");
		assertThat(session().transport()).isEqualTo(Transport.POLLING);
	}

	@Test
	void anyOtherPacketOnTheProbingWebSocketAbortsTheUpgrade() {
		open();
		WebSocketClient webSocket = upgradingWebSocket();
		webSocket.sendText("2probe");
		assertThat(webSocket.nextText()).isEqualTo("3probe");

		webSocket.sendText("4too early");

		assertThat(webSocket.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		assertThat(session().transport()).isEqualTo(Transport.POLLING);
		assertPollingStillWorks();
	}

	@Test
	void anUpgradePacketWithoutProbeIsAccepted() {
		open();
		WebSocketClient webSocket = upgradingWebSocket();

		webSocket.sendText("5");

		this.server.listener().await((e) -> e.kind() == RecordingListener.Kind.UPGRADE && e.sid().equals(this.sid));
		webSocket.sendText("4no probe");
		assertThat(webSocket.nextText()).isEqualTo("4no probe");
	}

	@Test
	void upgradesAreRefusedWhenNotAllowed() {
		open(this.servers.start((o) -> o.allowUpgrades(false)));

		WebSocketClient webSocket = upgradingWebSocket();

		assertThat(webSocket.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		assertPollingStillWorks();
	}

	@Test
	void aWebSocketSessionCannotBeUpgradedAgain() {
		this.server = this.servers.start();
		WebSocketClient webSocket = this.servers.webSocket(this.server, "EIO=4&transport=websocket");
		this.sid = webSocket.awaitOpen();

		WebSocketClient second = upgradingWebSocket();

		assertThat(second.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		webSocket.sendText("4unaffected");
		assertThat(webSocket.nextText()).isEqualTo("4unaffected");
	}

	@Test
	void closingTheSessionDuringTheUpgradeClosesTheProbingWebSocket() {
		open();
		WebSocketClient webSocket = upgradingWebSocket();
		webSocket.sendText("2probe");
		assertThat(webSocket.nextText()).isEqualTo("3probe");

		this.client.send(this.sid, "1");

		assertThat(webSocket.awaitEnd().type()).isEqualTo(WebSocketClient.Type.CLOSE);
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
	}

	@Test
	void aClosedUpgradedSessionIsForgotten() {
		open();
		WebSocketClient webSocket = upgrade();

		webSocket.sendClose();

		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		assertThat(this.server.engine().sessionCount()).isZero();
		assertJsonError(this.client.get(this.sid), 400, 1, "Session ID unknown");
	}

	private void assertPollingStillWorks() {
		this.client.send(this.sid, "4polling");
		assertThat(this.client.get(this.sid).body()).isEqualTo("4polling");
	}

}
