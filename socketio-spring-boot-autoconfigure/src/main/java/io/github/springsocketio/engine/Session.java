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
 * of their own are confined to it too: the {@link OutboundBuffer}, the {@link HeartbeatTimer}, the
 * {@link TransportUpgrade} and the {@link PollingCloseTimer}. Timers are scheduled on the same loop, so a session
 * needs neither locks nor threads of its own.
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

	/** Set while a POST body is being read; checked off the loop so a concurrent POST is caught at once. */
	final AtomicBoolean postInFlight = new AtomicBoolean();

	private volatile Transport transport;

	private volatile State state = State.OPEN;

	private volatile @Nullable Object attachment;

	// Confined to the loop from here on.

	private final OutboundBuffer outbound;

	private final HeartbeatTimer heartbeat;

	private final TransportUpgrade upgrade;

	private @Nullable PollingTransport polling;

	private @Nullable WebSocketTransport webSocket;

	private final PollingCloseTimer closeTimer;

	private CloseReason closingReason = CloseReason.FORCED_CLOSE;

	Session(String id, HandshakeRequest handshake, Transport transport, EngineIoServer server, EventLoop loop) {
		this.id = id;
		this.handshake = handshake;
		this.transport = transport;
		this.server = server;
		this.options = server.options();
		this.listener = server.listener();
		this.loop = new SessionLoop(loop, id);
		this.outbound = new OutboundBuffer(this.options.maxBufferedBytes(), loop, this::flush);
		this.heartbeat = new HeartbeatTimer(this.loop, this.options.pingInterval().toMillis(),
				this.options.pingTimeout().toMillis(), this::ping, () -> terminate(CloseReason.PING_TIMEOUT));
		this.upgrade = new TransportUpgrade(id, this.loop, this.options.upgradeTimeout().toMillis(), this::upgraded,
				this::upgradeAbandoned);
		this.closeTimer = new PollingCloseTimer(this.loop);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public Transport transport() {
		return this.transport;
	}

	@Override
	public HandshakeRequest handshake() {
		return this.handshake;
	}

	@Override
	public boolean isOpen() {
		return this.state == State.OPEN;
	}

	@Override
	public void send(EnginePacket packet) {
		if (inEventLoop()) {
			sendNow(packet);
		}
		else {
			this.loop.submit(() -> sendNow(packet));
		}
	}

	@Override
	public void send(List<EnginePacket> packets) {
		if (inEventLoop()) {
			sendNow(packets);
		}
		else {
			this.loop.submit(() -> sendNow(packets));
		}
	}

	@Override
	public void sendBacklog(List<EnginePacket> packets) {
		if (inEventLoop()) {
			sendBacklogNow(packets);
		}
		else {
			this.loop.submit(() -> sendBacklogNow(packets));
		}
	}

	@Override
	public void sendVolatile(List<EnginePacket> packets) {
		if (inEventLoop()) {
			sendIfWritable(packets);
		}
		else {
			this.loop.submit(() -> sendIfWritable(packets));
		}
	}

	private void sendNow(EnginePacket packet) {
		buffer(packet);
		scheduleFlush();
	}

	private void sendNow(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			buffer(packet);
		}
		scheduleFlush();
	}

	private void sendBacklogNow(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			if (this.state != State.CLOSED && !this.outbound.addBacklog(packet, bytesHeldByTransport())) {
				closeSlowClient();
			}
		}
		scheduleFlush();
	}

	/**
	 * Queues volatile packets only if the transport can take them now. Packets already queued this turn do not
	 * count: they are flushed at the end of the turn, together with these.
	 */
	private void sendIfWritable(List<EnginePacket> packets) {
		if (this.state == State.OPEN && writableNow()) {
			sendNow(packets);
		}
		else {
			observer().packetsDropped(packets.size());
		}
	}

	private boolean writableNow() {
		if (this.webSocket != null) {
			return this.webSocket.writableNow();
		}
		return this.polling != null && this.polling.hasPendingGet() && !this.upgrade.isProbed();
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
		this.polling = new PollingTransport(this);
		this.polling.hold(handshakeGet, false);
		open(true);
	}

	void openWebSocket(WebSocketTransport webSocket) {
		this.webSocket = webSocket;
		open(false);
	}

	private void open(boolean upgradable) {
		observer().sessionOpened(this.transport);
		buffer(EnginePacket.open(openPayload(upgradable)));
		flush();
		this.heartbeat.start();
		notifyListener(() -> this.listener.onOpen(this));
	}

	private String openPayload(boolean polling) {
		boolean upgrades = polling && this.options.allowUpgrades()
				&& this.options.transports().contains(Transport.WEBSOCKET);
		return "{\"sid\":\"" + this.id + "\",\"upgrades\":" + (upgrades ? "[\"websocket\"]" : "[]")
				+ ",\"pingInterval\":" + this.options.pingInterval().toMillis() + ",\"pingTimeout\":"
				+ this.options.pingTimeout().toMillis() + ",\"maxPayload\":" + this.options.maxHttpBufferSize() + "}";
	}

	// Polling requests

	void onPoll(MonoSink<HttpReply> get) {
		if (this.state == State.CLOSED) {
			if (this.closeTimer.isLingering()) {
				stopLingering();
				get.success(PollingTransport.noopReply());
			}
			else {
				get.success(HttpReply.error(EngineIoError.UNKNOWN_SID));
			}
			return;
		}
		PollingTransport polling = this.polling;
		if (polling == null) {
			// upgraded to WebSocket after the request passed the transport check
			refuseAfterUpgrade(get);
			return;
		}
		if (polling.hasPendingGet()) {
			logger.debug("Session " + this.id + " sent a second concurrent poll; closing it");
			get.success(HttpReply.empty(400));
			terminate(CloseReason.TRANSPORT_ERROR);
			return;
		}
		polling.hold(get, this.upgrade.isUnderWay());
		if (this.upgrade.isProbed()) {
			this.upgrade.endPollLater();
		}
		else {
			flush();
		}
	}

	/** A poll after the upgrade is refused once what the WebSocket already sent has gone out. */
	private void refuseAfterUpgrade(MonoSink<HttpReply> get) {
		HttpReply refusal = HttpReply.error(EngineIoError.BAD_REQUEST);
		if (this.webSocket != null) {
			this.webSocket.afterPendingWrites(() -> get.success(refusal));
		}
		else {
			get.success(refusal);
		}
	}

	HttpReply onPostBody(byte[] body) {
		this.postInFlight.set(false);
		if (this.state == State.CLOSED) {
			return HttpReply.error(EngineIoError.UNKNOWN_SID);
		}
		if (this.polling == null) {
			return HttpReply.error(EngineIoError.BAD_REQUEST);
		}
		return this.polling.receive(body);
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
		if (source != this.polling && source != this.webSocket) {
			return;
		}
		switch (packet.type()) {
			case EnginePacket.PONG -> {
				if (this.state == State.OPEN) {
					this.heartbeat.onPong();
				}
			}
			case EnginePacket.MESSAGE -> {
				EngineMessage message = new EngineMessage(packet.data(), packet.binary());
				notifyListener(() -> this.listener.onMessage(this, message));
			}
			case EnginePacket.CLOSE -> terminate(CloseReason.TRANSPORT_CLOSE);
			case EnginePacket.PING -> {
				logger.debug("Session " + this.id + " sent a ping (invalid heartbeat direction); closing it");
				terminate(CloseReason.TRANSPORT_ERROR);
			}
			default -> {
				// open, upgrade and noop from a client carry no meaning outside an upgrade: ignored, as in Node.js
			}
		}
	}

	void onInvalidPacket(WebSocketTransport source, String problem) {
		if (this.upgrade.isProbe(source)) {
			this.upgrade.abort();
		}
		else if (source == this.webSocket) {
			logger.debug("Session " + this.id + " sent an invalid packet (" + problem + "); closing it");
			terminate(CloseReason.PARSE_ERROR);
		}
	}

	/** The heartbeat's ping, sent while the session is open. */
	private boolean ping() {
		if (this.state != State.OPEN) {
			return false;
		}
		buffer(EnginePacket.PING_PACKET);
		flush();
		return true;
	}

	// Upgrade from polling to WebSocket

	void onUpgradeRequest(WebSocketTransport candidate) {
		this.upgrade.request(candidate, this.polling, this.state == State.OPEN && this.options.allowUpgrades());
	}

	private void upgraded(WebSocketTransport webSocket) {
		this.polling = null;
		this.webSocket = webSocket;
		this.transport = Transport.WEBSOCKET;
		observer().upgradeEnded(true);
		notifyListener(() -> this.listener.onUpgrade(this));
		flush();
	}

	private void upgradeAbandoned() {
		observer().upgradeEnded(false);
		flush();
	}

	void onWebSocketClosed(WebSocketTransport closed, boolean failed) {
		if (this.upgrade.isProbe(closed)) {
			this.upgrade.onProbeClosed();
		}
		else if (closed == this.webSocket) {
			terminate(failed ? CloseReason.TRANSPORT_ERROR : CloseReason.TRANSPORT_CLOSE);
		}
	}

	// Writing

	/** Queues a packet unless the session has ended; a client too slow to take what waits is closed. */
	private void buffer(EnginePacket packet) {
		if (this.state != State.CLOSED && !this.outbound.add(packet, bytesHeldByTransport())) {
			closeSlowClient();
		}
	}

	private long bytesHeldByTransport() {
		return (this.webSocket != null) ? this.webSocket.pendingBytes() : 0;
	}

	private void closeSlowClient() {
		long pending = this.outbound.bytes() + bytesHeldByTransport();
		logger.warn("Closing session " + this.id + ": " + pending + " bytes wait to be sent, more than the "
				+ this.options.maxBufferedBytes() + " allowed; the client is not reading fast enough");
		terminate(CloseReason.SLOW_CLIENT);
	}

	private void scheduleFlush() {
		if (this.state != State.CLOSED) {
			this.outbound.scheduleFlush();
		}
	}

	private void flush() {
		if (this.state == State.CLOSED || this.outbound.isEmpty()) {
			return;
		}
		List<EnginePacket> packets;
		long bytes = this.outbound.bytes();
		if (this.webSocket != null) {
			packets = this.outbound.drain();
			this.webSocket.write(packets);
		}
		else if (this.polling != null && this.polling.hasPendingGet() && !this.upgrade.isProbed()) {
			packets = this.outbound.drain();
			this.polling.write(packets);
		}
		else {
			return;
		}
		observer().bytesSent(this.transport, bytes);
		if (this.state == State.CLOSING && packets.get(packets.size() - 1).isClose()) {
			terminate(this.closingReason);
		}
	}

	// Closing

	private void beginClose(CloseReason reason) {
		if (this.state != State.OPEN) {
			return;
		}
		if (this.webSocket != null || this.polling == null) {
			flush();
			terminate(reason);
			return;
		}
		// Over polling the client learns of the close from a close packet in its next poll.
		this.state = State.CLOSING;
		this.closingReason = reason;
		this.heartbeat.stop();
		buffer(EnginePacket.CLOSE_PACKET);
		flush();
		if (this.state == State.CLOSING) {
			this.closeTimer.awaitCollection(!this.server.isAccepting(), () -> terminate(reason));
		}
	}

	/** Ends the session now; everything still buffered is dropped. */
	void terminate(CloseReason reason) {
		if (this.state == State.CLOSED) {
			return;
		}
		this.state = State.CLOSED;
		this.heartbeat.stop();
		this.closeTimer.cancel();
		if (reason == CloseReason.TRANSPORT_CLOSE && this.polling != null && !this.polling.hasPendingGet()) {
			this.closeTimer.linger(this::stopLingering);
		}
		else {
			this.server.remove(this);
		}
		if (this.polling != null) {
			// a client that closed gets a noop; any other end tells the client with a close packet
			this.polling.answerIfPending(
					(reason == CloseReason.TRANSPORT_CLOSE) ? EnginePacket.NOOP_PACKET : EnginePacket.CLOSE_PACKET);
		}
		if (this.webSocket != null) {
			if (reason == CloseReason.SLOW_CLIENT) {
				this.webSocket.abort();
			}
			else {
				this.webSocket.close();
			}
		}
		this.upgrade.close();
		this.outbound.clear();
		observer().sessionClosed(this.transport, reason);
		notifyListener(() -> this.listener.onClose(this, reason));
	}

	private void stopLingering() {
		this.closeTimer.cancel();
		this.server.remove(this);
	}

	/** A listener's failure is logged; it never reaches the event loop or other sessions. */
	private void notifyListener(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			logger.error("Engine.IO listener failed for session " + this.id, ex);
		}
	}

	@Override
	public String toString() {
		return "Session[" + this.id + ", " + this.transport.id() + ", " + this.state + "]";
	}

}
