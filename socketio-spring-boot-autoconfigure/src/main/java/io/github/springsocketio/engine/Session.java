package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.EventLoop;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * One Engine.IO session: decides what its transports' packets and requests mean, and when it ends.
 *
 * <p>All mutable state is confined to the session's event loop: public methods hand their work to it through a
 * {@link SessionLoop}, and the package-private {@code on*} methods are only ever called on it. The parts with a job
 * of their own are confined to it too: the {@link ActiveTransport}, the {@link SessionSender} that takes packets to
 * it, the {@link HeartbeatTimer}, the {@link TransportUpgrade} and the {@link PollingCloseTimer}. Timers are
 * scheduled on the same loop, so a session needs neither locks nor threads of its own. After an upgrade the session
 * moves once, to its WebSocket's loop (see {@link SessionLoop#moveTo}).
 */
final class Session implements EngineIoSession {

	private static final Log logger = LogFactory.getLog(Session.class);

	private enum State {

		OPEN, CLOSING, CLOSED

	}

	private final String id;

	private final HandshakeRequest handshake;

	private final EngineIoServer server;

	private final EngineIoOptions options;

	private final EngineIoListener listener;

	private final SessionLoop loop;

	/** The Engine.IO revision the client speaks, 4 or 3, chosen at the handshake. */
	private final int protocol;

	/** Set while a POST body is being read; checked off the loop so a concurrent POST is caught at once. */
	final AtomicBoolean postInFlight = new AtomicBoolean();

	private volatile State state = State.OPEN;

	private volatile @Nullable Object attachment;

	/** What this session holds, counted into the endpoint's memory budget. */
	final SessionMemory memory;

	// Confined to the loop from here on.

	private final HeartbeatTimer heartbeat;

	private final TransportUpgrade upgrade;

	private final ActiveTransport transport;

	private final SessionSender sender;

	private final PollingCloseTimer closeTimer;

	private CloseReason closingReason = CloseReason.FORCED_CLOSE;

	private volatile AddressGuard.Permit permit = AddressGuard.Permit.NONE;

	Session(String id, HandshakeRequest handshake, Transport transport, EngineIoServer server, EventLoop loop,
			int protocol) {
		this.id = id;
		this.protocol = protocol;
		this.handshake = handshake;
		this.server = server;
		this.options = server.options();
		this.listener = new GuardedListener(server.listener());
		this.loop = new SessionLoop(loop, id);
		this.heartbeat = new HeartbeatTimer(this.loop, this.options.pingInterval().toMillis(),
				this.options.pingTimeout().toMillis(), this::ping, () -> terminate(CloseReason.PING_TIMEOUT), protocol == 3);
		this.upgrade = new TransportUpgrade(id, this.loop, this.options.upgradeTimeout().toMillis(), this::upgraded,
				this::upgradeAbandoned);
		this.transport = new ActiveTransport(transport, this.upgrade);
		this.memory = new SessionMemory(server.memoryBudget(), () -> this.transport.heldBytes(),
				// queued, never run inside the code that went past the budget
				() -> queueTask(() -> terminate(CloseReason.SERVER_OVERLOADED)));
		this.sender = new SessionSender(this, this.loop, this.transport, this.options.maxBufferedBytes(), this.memory);
		this.closeTimer = new PollingCloseTimer(this.loop);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public Transport transport() {
		return this.transport.kind();
	}

	@Override
	public HandshakeRequest handshake() {
		return this.handshake;
	}

	@Override
	public int protocol() {
		return this.protocol;
	}

	@Override
	public boolean isOpen() {
		return this.state == State.OPEN;
	}

	/** Takes the handshake's place in its address's count of sessions, given back when the session ends. */
	void hold(AddressGuard.Permit permit) {
		permit.hold();
		this.permit = permit;
	}

	/** @return whether the session has ended: it takes no more packets */
	boolean isClosed() {
		return this.state == State.CLOSED;
	}

	@Override
	public void send(EnginePacket packet) {
		this.sender.send(packet);
	}

	@Override
	public void send(List<EnginePacket> packets) {
		this.sender.send(packets);
	}

	@Override
	public void sendBacklog(List<EnginePacket> packets) {
		this.sender.sendBacklog(packets);
	}

	@Override
	public void sendVolatile(List<EnginePacket> packets) {
		this.sender.sendVolatile(packets);
	}

	@Override
	public void close() {
		close(CloseReason.FORCED_CLOSE);
	}

	@Override
	public void close(CloseReason reason) {
		execute(() -> beginClose(reason));
	}

	@Override
	public void heldBytesChanged(long change) {
		this.memory.add(change);
	}

	@Override
	public void execute(Runnable task) {
		this.loop.execute(task);
	}

	/** Queues a task behind those already submitted, even when called on the loop: see {@link SessionLoop}. */
	void queueTask(Runnable task) {
		this.loop.queueTask(task);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return this.loop.schedule(task, delay);
	}

	@Override
	public Executor eventLoop() {
		return this.loop.eventLoop();
	}

	@Override
	public boolean inEventLoop() {
		return this.loop.inEventLoop();
	}

	EngineIoObserver observer() {
		return this.server.observer();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T attachment() {
		return (T) this.attachment;
	}

	@Override
	public void attach(@Nullable Object attachment) {
		this.attachment = attachment;
	}

	// Opening

	void openPolling(MonoSink<HttpReply> handshakeGet) {
		PollingTransport polling = new PollingTransport(this, this.protocol == 3,
				!this.handshake.query().containsKey("b64"));
		this.transport.usePolling(polling);
		polling.hold(handshakeGet, false);
		open(true);
	}

	void openWebSocket(WebSocketTransport webSocket) {
		this.transport.useWebSocket(webSocket);
		open(false);
	}

	private void open(boolean upgradable) {
		observer().sessionOpened(this.transport.kind());
		this.sender.sendAtOnce(EnginePacket.open(this.id, upgradable, this.options));
		this.heartbeat.start();
		this.listener.onOpen(this);
	}

	// Polling requests

	void onPoll(MonoSink<HttpReply> get) {
		if (this.state == State.CLOSED) {
			if (this.closeTimer.isLingering()) {
				stopLingering();
				get.success(PollingTransport.noopReply(this.protocol == 3));
			}
			else {
				get.success(HttpReply.error(EngineIoError.UNKNOWN_SID));
			}
			return;
		}
		PollingTransport polling = this.transport.polling();
		if (polling == null) {
			// upgraded to WebSocket after the request passed the transport check
			this.transport.refuseLatePoll(get);
			return;
		}
		if (polling.refusesOverlap(get)) {
			return;
		}
		if (this.upgrade.holdPoll(polling, get)) {
			this.sender.flush();
		}
	}

	HttpReply onPostBody(byte[] body, boolean binaryPayload) {
		this.postInFlight.set(false);
		return (this.state == State.CLOSED) ? HttpReply.error(EngineIoError.UNKNOWN_SID)
				: this.transport.receive(body, binaryPayload);
	}

	// Inbound packets, from either transport

	void onInbound(Object source, InboundPacket packet) {
		if (this.state == State.CLOSED) {
			return;
		}
		if (this.upgrade.isProbe(source)) {
			this.upgrade.onProbePacket(packet);
			return;
		}
		if (!this.transport.carries(source)) {
			return;
		}
		switch (packet.type()) {
			case EnginePacket.PONG -> {
				if (this.protocol == 3) {
					invalidHeartbeat("pong");
				}
				else if (this.state == State.OPEN) {
					this.heartbeat.onPong();
				}
			}
			case EnginePacket.MESSAGE -> this.listener.onMessage(this, new EngineMessage(packet.data(), packet.binary()));
			case EnginePacket.CLOSE -> terminate(CloseReason.TRANSPORT_CLOSE);
			case EnginePacket.PING -> {
				if (this.protocol == 3) {
					onClientPing();
				}
				else {
					invalidHeartbeat("ping");
				}
			}
			default -> {
				// open, upgrade and noop from a client carry no meaning outside an upgrade: ignored, as in Node.js
			}
		}
	}

	private void invalidHeartbeat(String packet) {
		logger.debug("Session " + this.id + " sent a " + packet + " (invalid heartbeat direction); closing it");
		terminate(CloseReason.TRANSPORT_ERROR);
	}

	/** Engine.IO v3: the client pings, the server answers at once and waits for the next ping. */
	private void onClientPing() {
		if (this.state == State.OPEN) {
			this.heartbeat.onPong();
			this.sender.sendAtOnce(EnginePacket.PONG_PACKET);
		}
	}

	void onInvalidPacket(WebSocketTransport source, String problem) {
		if (this.upgrade.isProbe(source)) {
			this.upgrade.abort();
		}
		else if (this.transport.carries(source)) {
			logger.debug("Session " + this.id + " sent an invalid packet (" + problem + "); closing it");
			terminate(CloseReason.PARSE_ERROR);
		}
	}

	/** The heartbeat's ping, sent while the session is open. */
	private boolean ping() {
		if (this.state != State.OPEN) {
			return false;
		}
		this.sender.sendAtOnce(EnginePacket.PING_PACKET);
		return true;
	}

	// Upgrade from polling to WebSocket

	void onUpgradeRequest(WebSocketTransport candidate) {
		boolean allowed = this.state == State.OPEN && this.options.allowUpgrades();
		this.upgrade.request(candidate, this.transport.polling(), allowed);
	}

	/**
	 * The session switches to the WebSocket, writes what waited for it, and moves to the WebSocket's event loop: from
	 * then on its writes and reads stay on one thread. The writes made here, from the old loop, are queued on the
	 * WebSocket's loop ahead of anything the session does there.
	 */
	private void upgraded(WebSocketTransport webSocket) {
		this.transport.useWebSocket(webSocket);
		observer().upgradeEnded(true);
		this.listener.onUpgrade(this);
		this.sender.flush();
		this.loop.moveTo(webSocket.eventLoop());
	}

	private void upgradeAbandoned() {
		observer().upgradeEnded(false);
		this.sender.flush();
	}

	void onWebSocketClosed(WebSocketTransport closed, boolean failed) {
		if (this.upgrade.isProbe(closed)) {
			this.upgrade.onProbeClosed();
		}
		else if (this.transport.carries(closed)) {
			terminate(failed ? CloseReason.TRANSPORT_ERROR : CloseReason.TRANSPORT_CLOSE);
		}
	}

	// Closing

	private void beginClose(CloseReason reason) {
		if (this.state != State.OPEN) {
			return;
		}
		if (this.transport.polling() == null) {
			this.sender.flush();
			terminate(reason);
			return;
		}
		// Over polling the client learns of the close from a close packet in its next poll.
		this.state = State.CLOSING;
		this.closingReason = reason;
		this.heartbeat.stop();
		this.sender.sendAtOnce(EnginePacket.CLOSE_PACKET);
		if (this.state == State.CLOSING) {
			this.closeTimer.awaitCollection(!this.server.isAccepting(), () -> terminate(reason));
		}
	}

	/** Over polling, a server-side close ends the session once its close packet has been written into a poll. */
	void onClosePacketWritten() {
		if (this.state == State.CLOSING) {
			terminate(this.closingReason);
		}
	}

	/** Ends the session now; everything still buffered is dropped. */
	void terminate(CloseReason reason) {
		if (this.state == State.CLOSED) {
			return;
		}
		this.state = State.CLOSED;
		this.permit.release();
		this.heartbeat.stop();
		this.closeTimer.cancel();
		PollingTransport polling = this.transport.polling();
		if (reason == CloseReason.TRANSPORT_CLOSE && polling != null && !polling.hasPendingGet()) {
			// a client that closed over polling may still send one late poll: it is answered, not refused
			this.closeTimer.linger(this::stopLingering);
		}
		else {
			this.server.remove(this);
		}
		this.transport.end(reason);
		this.upgrade.close();
		this.sender.clear();
		this.memory.close();
		observer().sessionClosed(this.transport.kind(), reason);
		this.listener.onClose(this, reason);
	}

	private void stopLingering() {
		this.closeTimer.cancel();
		this.server.remove(this);
	}

	@Override
	public String toString() {
		return "Session[" + this.id + ", " + this.transport.kind().id() + ", " + this.state + "]";
	}

}
