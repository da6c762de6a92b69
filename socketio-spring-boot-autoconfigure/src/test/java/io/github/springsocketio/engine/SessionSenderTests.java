package io.github.springsocketio.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.springsocketio.engine.TransportFixtures.body;
import static io.github.springsocketio.engine.TransportFixtures.nextFrame;
import static io.github.springsocketio.engine.TransportFixtures.poll;
import static io.github.springsocketio.engine.TransportFixtures.webSocket;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's packets on their way to its transport: written once per event-loop turn, in order, within the
 * slow-client limit; volatile ones only when the transport takes them now; nothing once the session has ended.
 */
class SessionSenderTests {

	private static final EnginePacket HELLO = EnginePacket.text("hello");

	/** Room for two packets like {@link #HELLO}, not three. */
	private static final long LIMIT = HELLO.length() * 2L;

	private final ManualEventLoop loop = new ManualEventLoop();

	private final EmbeddedChannel channel = this.loop.channel();

	private final List<CloseReason> closes = new CopyOnWriteArrayList<>();

	private final AtomicInteger dropped = new AtomicInteger();

	private final AtomicLong bytesSent = new AtomicLong();

	private final EngineIoServer server = new EngineIoServer(EngineIoOptions.builder().build(), new EngineIoListener() {

		@Override
		public void onMessage(EngineIoSession session, EngineMessage message) {
		}

		@Override
		public void onClose(EngineIoSession session, CloseReason reason) {
			SessionSenderTests.this.closes.add(reason);
		}

	});

	private final Session session = this.loop.session(this.server, Transport.WEBSOCKET);

	private final TransportUpgrade upgrade = new TransportUpgrade("sid", this.loop.sessionLoop(), 1_000,
			(webSocket) -> {
			}, () -> {
			});

	private final ActiveTransport transport = new ActiveTransport(Transport.WEBSOCKET, this.upgrade);

	private final SessionSender sender = new SessionSender(this.session, this.loop.sessionLoop(), this.transport,
			LIMIT, this.session.memory);

	SessionSenderTests() {
		this.server.observe(new EngineIoObserver() {

			@Override
			public void packetsDropped(int packets) {
				SessionSenderTests.this.dropped.addAndGet(packets);
			}

			@Override
			public void bytesSent(Transport transport, long bytes) {
				SessionSenderTests.this.bytesSent.addAndGet(bytes);
			}

		});
	}

	@AfterEach
	void closeLoop() {
		this.loop.close();
	}

	@Test
	void theSendsOfOneTurnAreWrittenInOrderAtItsEnd() {
		this.transport.useWebSocket(webSocket(this.channel));
		this.sender.send(HELLO);
		this.sender.send(List.of(EnginePacket.text("a"), EnginePacket.text("b")));
		assertThat(nextFrame(this.channel)).isNull();

		this.loop.runPendingTasks();
		assertThat(nextFrame(this.channel)).endsWith("4hello");
		assertThat(nextFrame(this.channel)).endsWith("4a");
		assertThat(nextFrame(this.channel)).endsWith("4b");
		assertThat(this.bytesSent).hasValue(HELLO.length() + 4);
	}

	@Test
	void aPacketSentAtOnceIsWrittenWithoutWaitingForTheEndOfTheTurn() {
		this.transport.useWebSocket(webSocket(this.channel));
		this.sender.sendAtOnce(EnginePacket.PING_PACKET);
		assertThat(nextFrame(this.channel)).endsWith("2");
	}

	@Test
	void overPollingPacketsWaitForAPollAndLeaveTogetherInIt() {
		PollingTransport polling = new PollingTransport(this.session, false, true);
		this.transport.usePolling(polling);
		this.sender.send(HELLO);
		this.sender.send(EnginePacket.text("a"));
		this.loop.runPendingTasks();
		assertThat(this.bytesSent).hasValue(0);

		AtomicReference<HttpReply> poll = poll(polling, false);
		this.sender.flush();
		assertThat(body(poll)).isEqualTo("4hello\u001e4a");
	}

	@Test
	void volatilePacketsAreDroppedWhenTheTransportCannotTakeThemNow() {
		this.transport.useWebSocket(webSocket(this.channel));
		this.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
		this.sender.sendVolatile(List.of(HELLO, HELLO));
		this.loop.runPendingTasks();
		assertThat(this.dropped).hasValue(2);
		assertThat(nextFrame(this.channel)).isNull();

		this.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
		this.sender.sendVolatile(List.of(HELLO));
		this.loop.runPendingTasks();
		assertThat(this.dropped).hasValue(2);
		assertThat(nextFrame(this.channel)).endsWith("4hello");
	}

	@Test
	void aClientTooSlowToTakeWhatWaitsIsClosedAndGetsNothingMore() {
		this.transport.useWebSocket(webSocket(this.channel));
		this.sender.send(List.of(HELLO, HELLO));
		assertThat(this.session.isOpen()).isTrue();

		this.sender.send(HELLO);
		assertThat(this.closes).containsExactly(CloseReason.SLOW_CLIENT);
		this.loop.runPendingTasks();
		assertThat(nextFrame(this.channel)).isNull();
	}

	@Test
	void aBacklogMayPassTheLimit() {
		this.transport.useWebSocket(webSocket(this.channel));
		this.sender.sendBacklog(List.of(HELLO, HELLO, HELLO));
		this.loop.runPendingTasks();
		assertThat(this.closes).isEmpty();
		assertThat(this.bytesSent).hasValue(HELLO.length() * 3L);
	}

	@Test
	void nothingIsSentOnceTheSessionHasEnded() {
		this.transport.useWebSocket(webSocket(this.channel));
		this.session.terminate(CloseReason.FORCED_CLOSE);
		this.sender.send(HELLO);
		this.sender.sendBacklog(List.of(HELLO));
		this.sender.sendVolatile(List.of(HELLO));
		this.loop.runPendingTasks();
		assertThat(nextFrame(this.channel)).isNull();
		assertThat(this.dropped).hasValue(1);
	}

}
