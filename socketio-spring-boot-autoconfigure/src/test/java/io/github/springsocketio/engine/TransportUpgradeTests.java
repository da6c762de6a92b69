package io.github.springsocketio.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.embedded.EmbeddedChannel;
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
 * The upgrade from polling to WebSocket, one step at a time: the probe and its answer, the polls that wait meanwhile,
 * the upgrade packet, and the ways an upgrade is given up. Time is the event loops' own, moved forward by the test.
 */
class TransportUpgradeTests {

	private static final long TIMEOUT = 1_000;

	private final ManualEventLoop sessionLoop = new ManualEventLoop();

	/** Every loop of the test: the session's, and one per WebSocket connection. */
	private final List<ManualEventLoop> loops = new ArrayList<>(List.of(this.sessionLoop));

	private final PollingTransport polling = new PollingTransport(
			this.sessionLoop.session(new EngineIoServer(EngineIoOptions.builder().build(), (session, message) -> {
			}), Transport.POLLING), false, true);

	private final AtomicReference<WebSocketTransport> upgraded = new AtomicReference<>();

	private final AtomicInteger abandoned = new AtomicInteger();

	private final TransportUpgrade upgrade = new TransportUpgrade("sid",
			this.sessionLoop.sessionLoop(), TIMEOUT, this.upgraded::set,
			this.abandoned::incrementAndGet);

	@AfterEach
	void closeLoops() {
		this.loops.forEach(ManualEventLoop::close);
	}

	@Test
	void answersTheProbePingWithAProbePong() {
		EmbeddedChannel probe = webSocketChannel();
		this.upgrade.request(webSocket(probe), this.polling, true);
		assertThat(this.upgrade.isUnderWay()).isTrue();
		assertThat(this.upgrade.isProbed()).isFalse();

		this.upgrade.onProbePacket(packet("2probe"));
		assertThat(this.upgrade.isProbed()).isTrue();
		assertThat(nextFrame(probe)).endsWith("3probe");
	}

	@Test
	void endsAPollAlreadyWaitingWithANoopOnceTheProbeIsAnswered() {
		AtomicReference<HttpReply> poll = poll(this.polling, false);
		this.upgrade.request(webSocket(webSocketChannel()), this.polling, true);
		this.upgrade.onProbePacket(packet("2probe"));
		assertThat(body(poll)).isEqualTo("6");
	}

	@Test
	void endsAPollMadeDuringTheUpgradeWithANoopALittleLater() {
		this.upgrade.request(webSocket(webSocketChannel()), this.polling, true);
		AtomicReference<HttpReply> poll = poll(this.polling, true);
		this.upgrade.onProbePacket(packet("2probe"));
		advance(TransportUpgrade.NOOP_DELAY_MS - 1);
		assertThat(poll).hasValue(null);
		advance(1);
		assertThat(body(poll)).isEqualTo("6");
	}

	@Test
	void aPollHeldBeforeTheProbeIsAnsweredMayTakeThePacketsWaiting() {
		this.upgrade.request(webSocket(webSocketChannel()), this.polling, true);
		AtomicReference<Boolean> mayTakePackets = new AtomicReference<>();
		Mono.<HttpReply>create((get) -> mayTakePackets.set(this.upgrade.holdPoll(this.polling, get))).subscribe();
		assertThat(mayTakePackets).hasValue(true);
		assertThat(this.polling.heldDuringUpgrade()).isTrue();
	}

	@Test
	void aPollHeldOnceTheProbeIsAnsweredTakesNoPacketsAndEndsWithANoopALittleLater() {
		this.upgrade.request(webSocket(webSocketChannel()), this.polling, true);
		this.upgrade.onProbePacket(packet("2probe"));
		AtomicReference<Boolean> mayTakePackets = new AtomicReference<>();
		AtomicReference<HttpReply> poll = new AtomicReference<>();
		Mono.<HttpReply>create((get) -> mayTakePackets.set(this.upgrade.holdPoll(this.polling, get)))
			.subscribe(poll::set);
		assertThat(mayTakePackets).hasValue(false);
		advance(TransportUpgrade.NOOP_DELAY_MS - 1);
		assertThat(poll).hasValue(null);
		advance(1);
		assertThat(body(poll)).isEqualTo("6");
	}

	@Test
	void theUpgradePacketHandsTheProbeToTheSession() {
		EmbeddedChannel probe = webSocketChannel();
		WebSocketTransport webSocket = webSocket(probe);
		this.upgrade.request(webSocket, this.polling, true);
		this.upgrade.onProbePacket(packet("2probe"));
		this.upgrade.onProbePacket(packet("5"));
		assertThat(this.upgraded).hasValue(webSocket);
		assertThat(this.upgrade.isUnderWay()).isFalse();
		assertThat(this.upgrade.isProbed()).isFalse();
		assertThat(probe.isOpen()).isTrue();
		assertThat(this.abandoned).hasValue(0);
	}

	@Test
	void aPollMadeDuringTheUpgradeIsRefusedOnceTheUpgradeIsDoneAndGetsNoNoop() {
		this.upgrade.request(webSocket(webSocketChannel()), this.polling, true);
		AtomicReference<HttpReply> poll = poll(this.polling, true);
		this.upgrade.onProbePacket(packet("2probe"));
		this.upgrade.onProbePacket(packet("5"));
		advance(TransportUpgrade.NOOP_DELAY_MS);
		assertThat(poll.get().status()).isEqualTo(400);
		assertThat(body(poll)).contains("\"code\":3");
	}

	@Test
	void anyOtherPacketOnTheProbeAbortsTheUpgradeAndClosesTheProbe() {
		EmbeddedChannel probe = webSocketChannel();
		this.upgrade.request(webSocket(probe), this.polling, true);
		this.upgrade.onProbePacket(packet("4hello"));
		assertThat(this.abandoned).hasValue(1);
		assertThat(this.upgrade.isUnderWay()).isFalse();
		assertThat(probe.isOpen()).isFalse();
		assertThat(this.upgraded).hasValue(null);
	}

	@Test
	void anUpgradeNotCompleteWithinTheTimeoutIsAborted() {
		EmbeddedChannel probe = webSocketChannel();
		this.upgrade.request(webSocket(probe), this.polling, true);
		this.upgrade.onProbePacket(packet("2probe"));
		advance(TIMEOUT - 1);
		assertThat(this.abandoned).hasValue(0);
		advance(1);
		assertThat(this.abandoned).hasValue(1);
		assertThat(probe.isOpen()).isFalse();
	}

	@Test
	void aProbeClosedByTheClientLeavesTheSessionOnPolling() {
		this.upgrade.request(webSocket(webSocketChannel()), this.polling, true);
		this.upgrade.onProbeClosed();
		assertThat(this.abandoned).hasValue(1);
		assertThat(this.upgrade.isUnderWay()).isFalse();
		advance(TIMEOUT);
		assertThat(this.abandoned).hasValue(1);
	}

	@Test
	void aFurtherWebSocketBeforeTheProbeAnswerIsClosedOnceThatAnswerIsOut() {
		this.upgrade.request(webSocket(webSocketChannel()), this.polling, true);
		EmbeddedChannel second = webSocketChannel();
		this.upgrade.request(webSocket(second), this.polling, true);
		assertThat(second.isOpen()).isTrue();

		this.upgrade.onProbePacket(packet("2probe"));
		assertThat(second.isOpen()).isTrue();
		advance(20);
		assertThat(second.isOpen()).isFalse();
	}

	@Test
	void aWebSocketIsClosedWhenTheSessionMayNotUpgrade() {
		EmbeddedChannel refused = webSocketChannel();
		this.upgrade.request(webSocket(refused), this.polling, false);
		assertThat(refused.isOpen()).isFalse();

		EmbeddedChannel afterUpgrade = webSocketChannel();
		this.upgrade.request(webSocket(afterUpgrade), null, true);
		assertThat(afterUpgrade.isOpen()).isFalse();
		assertThat(this.upgrade.isUnderWay()).isFalse();
	}

	@Test
	void closingTheUpgradeClosesTheProbeWithoutCallingBack() {
		EmbeddedChannel probe = webSocketChannel();
		this.upgrade.request(webSocket(probe), this.polling, true);
		this.upgrade.close();
		assertThat(probe.isOpen()).isFalse();
		assertThat(this.abandoned).hasValue(0);
		assertThat(this.upgraded).hasValue(null);
	}

	private EmbeddedChannel webSocketChannel() {
		ManualEventLoop connection = new ManualEventLoop();
		this.loops.add(connection);
		return connection.channel();
	}

	private void advance(long millis) {
		this.loops.forEach((loop) -> loop.advance(millis));
	}

}
