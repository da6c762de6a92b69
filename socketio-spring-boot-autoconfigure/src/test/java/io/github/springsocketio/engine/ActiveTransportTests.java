package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static io.github.springsocketio.engine.TransportFixtures.body;
import static io.github.springsocketio.engine.TransportFixtures.nextFrame;
import static io.github.springsocketio.engine.TransportFixtures.packet;
import static io.github.springsocketio.engine.TransportFixtures.poll;
import static io.github.springsocketio.engine.TransportFixtures.webSocket;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transport a session uses now: when it takes packets, where they are written, what it holds besides, and how it
 * ends, over polling, over WebSocket, and across an upgrade.
 */
class ActiveTransportTests {

	private final ManualEventLoop sessionLoop = new ManualEventLoop();

	/** The loop of the WebSocket connection, which is not the session's. */
	private final ManualEventLoop connection = new ManualEventLoop();

	private final EmbeddedChannel channel = this.connection.channel();

	private final PollingTransport polling = new PollingTransport(
			this.sessionLoop.session(new EngineIoServer(EngineIoOptions.builder().build(), (session, message) -> {
			}), Transport.POLLING), false, true);

	private final TransportUpgrade upgrade = new TransportUpgrade("sid", this.sessionLoop.sessionLoop(), 1_000,
			(webSocket) -> {
			}, () -> {
			});

	private final ActiveTransport active = new ActiveTransport(Transport.POLLING, this.upgrade);

	@AfterEach
	void closeLoops() {
		this.sessionLoop.close();
		this.connection.close();
	}

	@Test
	void carriesNothingBeforeTheSessionOpens() {
		assertThat(this.active.kind()).isEqualTo(Transport.POLLING);
		assertThat(this.active.polling()).isNull();
		assertThat(this.active.carries(this.polling)).isFalse();
		assertThat(this.active.canWrite()).isFalse();
		assertThat(this.active.takesPacketsNow()).isFalse();
	}

	@Test
	void overPollingPacketsAreWrittenOnlyIntoAWaitingPoll() {
		this.active.usePolling(this.polling);
		assertThat(this.active.carries(this.polling)).isTrue();
		assertThat(this.active.canWrite()).isFalse();
		assertThat(this.active.takesPacketsNow()).isFalse();

		AtomicReference<HttpReply> poll = poll(this.polling, false);
		assertThat(this.active.canWrite()).isTrue();
		assertThat(this.active.takesPacketsNow()).isTrue();
		this.active.write(List.of(EnginePacket.text("hello"), EnginePacket.text("world")));
		assertThat(body(poll)).isEqualTo("4hello\u001e4world");
		assertThat(this.active.canWrite()).isFalse();
		assertThat(this.active.heldBytes()).isZero();
	}

	@Test
	void overPollingAWaitingPollGetsNoPacketsOnceTheProbeIsAnswered() {
		this.active.usePolling(this.polling);
		this.upgrade.request(webSocket(this.channel), this.polling, true);
		poll(this.polling, true);
		assertThat(this.active.canWrite()).isTrue();

		this.upgrade.onProbePacket(packet("2probe"));
		assertThat(this.polling.hasPendingGet()).isTrue();
		assertThat(this.active.canWrite()).isFalse();
		assertThat(this.active.takesPacketsNow()).isFalse();
	}

	@Test
	void anUpgradeLeavesPollingForTheWebSocketForGood() {
		WebSocketTransport webSocket = webSocket(this.channel);
		this.active.usePolling(this.polling);
		this.active.useWebSocket(webSocket);
		assertThat(this.active.kind()).isEqualTo(Transport.WEBSOCKET);
		assertThat(this.active.polling()).isNull();
		assertThat(this.active.carries(webSocket)).isTrue();
		assertThat(this.active.carries(this.polling)).isFalse();
	}

	@Test
	void overWebSocketPacketsAreAlwaysWrittenOneFrameEach() {
		this.active.useWebSocket(webSocket(this.channel));
		assertThat(this.active.canWrite()).isTrue();
		this.active.write(List.of(EnginePacket.text("hello"), EnginePacket.text("world")));
		assertThat(nextFrame(this.channel)).endsWith("4hello");
		assertThat(nextFrame(this.channel)).endsWith("4world");
	}

	@Test
	void overWebSocketPacketsAreTakenNowOnlyBelowTheWriteHighWaterMark() {
		this.active.useWebSocket(webSocket(this.channel));
		assertThat(this.active.takesPacketsNow()).isTrue();

		this.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
		assertThat(this.active.takesPacketsNow()).isFalse();
		assertThat(this.active.canWrite()).isTrue();
	}

	@Test
	void overWebSocketTheBytesWrittenButNotYetSentAreHeldByTheTransport() {
		this.active.useWebSocket(webSocket(this.channel));
		assertThat(this.active.heldBytes()).isZero();
		this.channel.write(Unpooled.wrappedBuffer(new byte[10]));
		assertThat(this.active.heldBytes()).isGreaterThanOrEqualTo(10); // and the channel's bookkeeping of the write
	}

	@Test
	void endingTellsAWaitingPollWithAClosePacketOrANoopWhenTheClientClosed() {
		this.active.usePolling(this.polling);
		AtomicReference<HttpReply> poll = poll(this.polling, false);
		this.active.end(CloseReason.FORCED_CLOSE);
		assertThat(body(poll)).isEqualTo("1");

		AtomicReference<HttpReply> late = poll(this.polling, false);
		this.active.end(CloseReason.TRANSPORT_CLOSE);
		assertThat(body(late)).isEqualTo("6");
	}

	@Test
	void endingClosesAWebSocketWithACloseFrame() {
		this.active.useWebSocket(webSocket(this.channel));
		this.active.end(CloseReason.FORCED_CLOSE);
		CloseWebSocketFrame close = this.channel.readOutbound();
		assertThat(close.statusCode()).isEqualTo(1000);
		close.release();
		assertThat(this.channel.isOpen()).isFalse();
	}

	@Test
	void endingForASlowClientDropsTheWebSocketWithoutACloseFrame() {
		this.active.useWebSocket(webSocket(this.channel));
		this.active.end(CloseReason.SLOW_CLIENT);
		this.channel.runPendingTasks();
		assertThat(this.channel.isOpen()).isFalse();
		assertThat((Object) this.channel.readOutbound()).isNull();
	}

	@Test
	void aPostIsReadOverPollingAndRefusedAfterTheUpgrade() {
		byte[] body = "4hello".getBytes(StandardCharsets.UTF_8);
		this.active.usePolling(this.polling);
		assertThat(this.active.receive(body, false).status()).isEqualTo(200);

		this.active.useWebSocket(webSocket(this.channel));
		HttpReply refusal = this.active.receive(body, false);
		assertThat(refusal.status()).isEqualTo(400);
		assertThat(refusal.body().toString(StandardCharsets.UTF_8)).contains("\"code\":3");
	}

	@Test
	void aPollAfterTheUpgradeIsRefusedOnlyOnceWhatTheWebSocketSentHasGoneOut() {
		this.active.useWebSocket(webSocket(this.channel));
		AtomicReference<HttpReply> refusal = new AtomicReference<>();
		Mono.<HttpReply>create(this.active::refuseLatePoll).subscribe(refusal::set);
		assertThat(refusal).hasValue(null);

		this.connection.advance(20);
		assertThat(refusal.get().status()).isEqualTo(400);
		assertThat(body(refusal)).contains("\"code\":3");
	}

}
