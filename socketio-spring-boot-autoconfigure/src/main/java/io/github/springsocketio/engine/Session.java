package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.EventLoop;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * One Engine.IO session: its transports, write buffer, heartbeat and upgrade state machine.
 *
 * <p>All mutable state is confined to {@link #loop}: public methods hand their work to it, and the package-private
 * {@code on*} methods are only ever called on it. Timers are scheduled on the same loop, so a session needs neither
 * locks nor threads of its own.
 */
final class Session implements EngineIoSession {

	private static final Log logger = LogFactory.getLog(Session.class);

	/** How long a server-side close over polling waits for the client to collect the close packet. */
	private static final long POLLING_CLOSE_TIMEOUT_MS = 30_000;

	/**
	 * The same wait while the server shuts down. A live polling client is back with its next poll within moments; one
	 * that is gone must not hold the shutdown up to its timeout (the reference discards such sessions at once).
	 */
	private static final long POLLING_SHUTDOWN_CLOSE_TIMEOUT_MS = 2_000;

	/**
	 * How long a session closed by the client over polling still answers a poll. A client that posts a close packet
	 * usually has a poll on the way too; it may arrive just after the close, and ends cleanly with a noop.
	 */
	private static final long POLLING_LINGER_MS = 1_000;

	/**
	 * When a poll that arrived during an upgrade is ended with a noop after the probe (Node.js checks every 100 ms).
	 * Not at once: such a poll may come from a client that already sent the upgrade packet right behind the probe.
	 */
	private static final long UPGRADE_NOOP_DELAY_MS = 100;

	private enum State {

		OPEN, CLOSING, CLOSED

	}

	private final String id;

	private final HandshakeRequest handshake;

	private final EngineIoServer server;

	private final EngineIoOptions options;

	private final EngineIoListener listener;

	private final EventLoop loop;

	/** Set while a POST body is being read; checked off the loop so a concurrent POST is caught at once. */
	final AtomicBoolean postInFlight = new AtomicBoolean();

	private volatile Transport transport;

	private volatile State state = State.OPEN;

	private volatile @Nullable Object attachment;

	// Confined to the loop from here on.

	private @Nullable PollingTransport polling;

	private @Nullable WebSocketTransport webSocket;

	private @Nullable WebSocketTransport probe;

	/** Further WebSockets for this session that arrived during the upgrade; closed once it moves on. */
	private final List<WebSocketTransport> refusedUpgrades = new ArrayList<>(0);

	private boolean probed;

	private @Nullable ScheduledFuture<?> upgradeTimer;

	private @Nullable ScheduledFuture<?> heartbeat;

	private @Nullable ScheduledFuture<?> closeTimer;

	private CloseReason closingReason = CloseReason.FORCED_CLOSE;

	private final ArrayDeque<EnginePacket> buffer = new ArrayDeque<>();

	private long bufferedBytes;

	/** Bytes of a backlog allowed above the slow-client limit until the client has drained it. */
	private long backlogAllowance;

	private boolean flushScheduled;

	private boolean lingering;

	Session(String id, HandshakeRequest handshake, Transport transport, EngineIoServer server, EventLoop loop) {
		this.id = id;
		this.handshake = handshake;
		this.transport = transport;
		this.server = server;
		this.options = server.options();
		this.listener = server.listener();
		this.loop = loop;
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
			enqueue(packet);
			scheduleFlush();
		}
		else {
			submit(() -> {
				enqueue(packet);
				scheduleFlush();
			});
		}
	}

	@Override
	public void send(List<EnginePacket> packets) {
		if (inEventLoop()) {
			enqueueAll(packets);
		}
		else {
			submit(() -> enqueueAll(packets));
		}
	}

	@Override
	public void sendBacklog(List<EnginePacket> packets) {
		if (inEventLoop()) {
			enqueueBacklog(packets);
		}
		else {
			submit(() -> enqueueBacklog(packets));
		}
	}

	private void enqueueBacklog(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			this.backlogAllowance += packet.length();
			queue(packet);
		}
		scheduleFlush();
	}

	private void enqueueAll(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			enqueue(packet);
		}
		scheduleFlush();
	}

	@Override
	public void sendVolatile(List<EnginePacket> packets) {
		if (inEventLoop()) {
			sendIfWritable(packets);
		}
		else {
			submit(() -> sendIfWritable(packets));
		}
	}

	/**
	 * Queues volatile packets only if the transport can take them now. Packets already queued this turn do not
	 * count: they are flushed at the end of the turn, together with these.
	 */
	private void sendIfWritable(List<EnginePacket> packets) {
		if (this.state == State.OPEN && writableNow()) {
			enqueueAll(packets);
		}
		else {
			this.server.observer().packetsDropped(packets.size());
		}
	}

	private boolean writableNow() {
		if (this.webSocket != null) {
			return this.webSocket.writableNow();
		}
		return this.polling != null && this.polling.hasPendingGet() && !this.probed;
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
		if (inEventLoop()) {
			task.run();
		}
		else {
			submit(task);
		}
	}

	/** Runs a task on the session's event loop; once that loop has stopped (the server is gone) it is dropped. */
	private void submit(Runnable task) {
		try {
			this.loop.execute(task);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("The event loop of session " + this.id + " has stopped; nothing more is done for it");
		}
	}

	EngineIoObserver observer() {
		return this.server.observer();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return this.loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Queues a task behind those already submitted, even when called on the loop. Requests of one session arrive on
	 * several connections, hence several threads; queueing them all keeps the order in which they arrived.
	 */
	void enqueue(Runnable task) {
		this.loop.execute(task); // a stopped loop rejects it: the request then fails instead of waiting for nothing
	}

	@Override
	public Executor eventLoop() {
		return this.loop;
	}

	@Override
	public boolean inEventLoop() {
		return this.loop.inEventLoop();
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
		this.polling = new PollingTransport();
		holdPoll(handshakeGet);
		open(true);
	}

	void openWebSocket(WebSocketTransport webSocket) {
		this.webSocket = webSocket;
		open(false);
	}

	private void open(boolean upgradable) {
		this.server.observer().sessionOpened(this.transport);
		enqueue(EnginePacket.open(openPayload(upgradable)));
		flush();
		startHeartbeat();
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
			if (this.lingering) {
				stopLingering();
				get.success(noopReply());
			}
			else {
				get.success(HttpReply.error(EngineIoError.UNKNOWN_SID));
			}
			return;
		}
		if (this.polling == null) {
			// upgraded to WebSocket after the request passed the transport check
			refuseAfterUpgrade(get);
			return;
		}
		if (this.polling.hasPendingGet()) {
			logger.debug("Session " + this.id + " sent a second concurrent poll; closing it");
			get.success(HttpReply.empty(400));
			terminate(CloseReason.TRANSPORT_ERROR);
			return;
		}
		holdPoll(get);
		if (this.probed) {
			endPollDuringUpgrade();
		}
		else {
			flush();
		}
	}

	private void holdPoll(MonoSink<HttpReply> get) {
		PollingTransport polling = this.polling;
		if (polling == null) {
			return;
		}
		polling.hold(get, this.probe != null);
		get.onCancel(() -> execute(() -> onPollAbandoned(get)));
	}

	private void onPollAbandoned(MonoSink<HttpReply> get) {
		if (this.polling != null && this.polling.isPending(get)) {
			this.polling.release();
			logger.debug("Poll connection of session " + this.id + " closed prematurely");
			terminate(CloseReason.TRANSPORT_ERROR);
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
		PollingPayload.Decoded decoded = PollingPayload.decode(body);
		this.server.observer().bytesReceived(Transport.POLLING, body.length);
		PollingTransport source = this.polling;
		for (InboundPacket packet : decoded.packets()) {
			onInbound(source, packet);
		}
		if (decoded.error() != null) {
			logger.debug("Session " + this.id + " posted an invalid payload (" + decoded.error() + "); closing it");
			terminate(CloseReason.PARSE_ERROR);
			return HttpReply.empty(400);
		}
		return HttpReply.ok();
	}

	// Inbound packets, from either transport

	void onInbound(Object source, InboundPacket packet) {
		if (this.state == State.CLOSED) {
			return;
		}
		if (source == this.probe) {
			onProbePacket(this.probe, packet);
			return;
		}
		if (source != this.polling && source != this.webSocket) {
			return;
		}
		switch (packet.type()) {
			case EnginePacket.PONG -> onPong();
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
		if (source == this.probe) {
			abortUpgrade();
		}
		else if (source == this.webSocket) {
			logger.debug("Session " + this.id + " sent an invalid packet (" + problem + "); closing it");
			terminate(CloseReason.PARSE_ERROR);
		}
	}

	// Heartbeat

	private void startHeartbeat() {
		this.heartbeat = this.loop.schedule(this::ping, this.options.pingInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void ping() {
		if (this.state != State.OPEN) {
			return;
		}
		enqueue(EnginePacket.PING_PACKET);
		flush();
		this.heartbeat = this.loop.schedule(() -> terminate(CloseReason.PING_TIMEOUT),
				this.options.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	private void onPong() {
		cancel(this.heartbeat);
		if (this.state == State.OPEN) {
			startHeartbeat();
		}
	}

	// Upgrade from polling to WebSocket

	void onUpgradeRequest(WebSocketTransport candidate) {
		if (this.probe != null && !this.probed) {
			// Closed only after the first WebSocket's probe is answered, so that answer reaches the client first.
			this.refusedUpgrades.add(candidate);
			return;
		}
		if (this.state != State.OPEN || this.polling == null || this.probe != null || !this.options.allowUpgrades()) {
			candidate.close();
			return;
		}
		this.probe = candidate;
		this.upgradeTimer = this.loop.schedule(() -> {
			if (this.probe == candidate) {
				logger.debug("Upgrade of session " + this.id + " timed out");
				abortUpgrade();
			}
		}, this.options.upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	private void onProbePacket(WebSocketTransport candidate, InboundPacket packet) {
		if (packet.type() == EnginePacket.PING && packet.isProbe()) {
			candidate.write(EnginePacket.PONG_PROBE);
			this.probed = true;
			List<WebSocketTransport> refused = List.copyOf(this.refusedUpgrades);
			this.refusedUpgrades.clear();
			candidate.afterPendingWrites(() -> refused.forEach(WebSocketTransport::close));
			PollingTransport polling = this.polling;
			if (polling != null && polling.hasPendingGet()) {
				if (polling.heldDuringUpgrade()) {
					endPollDuringUpgrade();
				}
				else {
					polling.answerIfPending(EnginePacket.NOOP_PACKET);
				}
			}
		}
		else if (packet.type() == EnginePacket.UPGRADE) {
			completeUpgrade(candidate);
		}
		else {
			abortUpgrade();
		}
	}

	/**
	 * Ends a poll that came during the upgrade with a noop a little later, unless the upgrade completes first: the
	 * client may have sent the upgrade packet right behind the probe, and then this poll gets the answer of any poll
	 * after the upgrade.
	 */
	private void endPollDuringUpgrade() {
		WebSocketTransport candidate = this.probe;
		PollingTransport polling = this.polling;
		this.loop.schedule(() -> {
			if (this.probe == candidate && this.polling == polling && polling != null) {
				polling.answerIfPending(EnginePacket.NOOP_PACKET);
			}
		}, UPGRADE_NOOP_DELAY_MS, TimeUnit.MILLISECONDS);
	}

	private void completeUpgrade(WebSocketTransport candidate) {
		cancel(this.upgradeTimer);
		this.probe = null;
		this.probed = false;
		closeRefusedUpgrades();
		PollingTransport polling = this.polling;
		if (polling != null && polling.hasPendingGet()) {
			// a poll made once the upgrade was under way is answered as any poll after it: transport mismatch
			if (polling.heldDuringUpgrade()) {
				MonoSink<HttpReply> get = polling.release();
				candidate.afterPendingWrites(() -> get.success(HttpReply.error(EngineIoError.BAD_REQUEST)));
			}
			else {
				polling.answerIfPending(noopReply());
			}
		}
		this.polling = null;
		this.webSocket = candidate;
		this.transport = Transport.WEBSOCKET;
		this.server.observer().upgradeEnded(true);
		notifyListener(() -> this.listener.onUpgrade(this));
		flush();
	}

	private void abortUpgrade() {
		WebSocketTransport candidate = this.probe;
		cancel(this.upgradeTimer);
		this.probe = null;
		this.probed = false;
		closeRefusedUpgrades();
		if (candidate != null) {
			this.server.observer().upgradeEnded(false);
			candidate.close();
		}
		flush();
	}

	private void refuseAfterUpgrade(MonoSink<HttpReply> get) {
		HttpReply refusal = HttpReply.error(EngineIoError.BAD_REQUEST);
		if (this.webSocket != null) {
			this.webSocket.afterPendingWrites(() -> get.success(refusal));
		}
		else {
			get.success(refusal);
		}
	}

	private void closeRefusedUpgrades() {
		for (WebSocketTransport refused : this.refusedUpgrades) {
			refused.close();
		}
		this.refusedUpgrades.clear();
	}

	private static HttpReply noopReply() {
		return HttpReply.payload(PollingPayload.encode(List.of(EnginePacket.NOOP_PACKET)));
	}

	void onWebSocketClosed(WebSocketTransport closed, boolean failed) {
		if (closed == this.probe) {
			this.server.observer().upgradeEnded(false);
			cancel(this.upgradeTimer);
			this.probe = null;
			this.probed = false;
			closeRefusedUpgrades();
			flush();
		}
		else if (closed == this.webSocket) {
			terminate(failed ? CloseReason.TRANSPORT_ERROR : CloseReason.TRANSPORT_CLOSE);
		}
	}

	// Writing

	private void enqueue(EnginePacket packet) {
		if (this.backlogAllowance > 0 && pendingBytes() <= this.options.maxBufferedBytes()) {
			this.backlogAllowance = 0; // drained
		}
		queue(packet);
	}

	private long pendingBytes() {
		return this.bufferedBytes + ((this.webSocket != null) ? this.webSocket.pendingBytes() : 0);
	}

	private void queue(EnginePacket packet) {
		if (this.state == State.CLOSED) {
			return;
		}
		this.buffer.add(packet);
		this.bufferedBytes += packet.length();
		long pending = pendingBytes();
		if (pending > this.options.maxBufferedBytes() + this.backlogAllowance) {
			logger.warn("Closing session " + this.id + ": " + pending + " bytes wait to be sent, more than the "
					+ this.options.maxBufferedBytes() + " allowed; the client is not reading fast enough");
			terminate(CloseReason.SLOW_CLIENT);
		}
	}

	/** Coalesces the sends of one event-loop turn into one write and one flush. */
	private void scheduleFlush() {
		if (!this.flushScheduled && this.state != State.CLOSED) {
			this.flushScheduled = true;
			FlushBatch.add(this, this.loop);
		}
	}

	void flushScheduled() {
		this.flushScheduled = false;
		flush();
	}

	private void flush() {
		if (this.state == State.CLOSED || this.buffer.isEmpty()) {
			return;
		}
		List<EnginePacket> packets;
		long bytes = this.bufferedBytes;
		if (this.webSocket != null) {
			packets = drain();
			this.webSocket.write(packets);
		}
		else if (this.polling != null && this.polling.hasPendingGet() && !this.probed) {
			packets = drain();
			this.polling.write(packets);
		}
		else {
			return;
		}
		this.server.observer().bytesSent(this.transport, bytes);
		if (this.state == State.CLOSING && packets.get(packets.size() - 1).isClose()) {
			terminate(this.closingReason);
		}
	}

	private List<EnginePacket> drain() {
		List<EnginePacket> packets = new ArrayList<>(this.buffer);
		this.buffer.clear();
		this.bufferedBytes = 0;
		return packets;
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
		cancel(this.heartbeat);
		enqueue(EnginePacket.CLOSE_PACKET);
		flush();
		if (this.state == State.CLOSING) {
			long timeout = this.server.isAccepting() ? POLLING_CLOSE_TIMEOUT_MS : POLLING_SHUTDOWN_CLOSE_TIMEOUT_MS;
			this.closeTimer = this.loop.schedule(() -> terminate(reason), timeout, TimeUnit.MILLISECONDS);
		}
	}

	/** Ends the session now; everything still buffered is dropped. */
	void terminate(CloseReason reason) {
		if (this.state == State.CLOSED) {
			return;
		}
		this.state = State.CLOSED;
		cancel(this.heartbeat);
		cancel(this.upgradeTimer);
		cancel(this.closeTimer);
		if (reason == CloseReason.TRANSPORT_CLOSE && this.polling != null && !this.polling.hasPendingGet()) {
			this.lingering = true;
			this.closeTimer = this.loop.schedule(this::stopLingering, POLLING_LINGER_MS, TimeUnit.MILLISECONDS);
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
		if (this.probe != null) {
			this.probe.close();
			this.probe = null;
		}
		closeRefusedUpgrades();
		this.buffer.clear();
		this.bufferedBytes = 0;
		this.server.observer().sessionClosed(this.transport, reason);
		notifyListener(() -> this.listener.onClose(this, reason));
	}

	private void stopLingering() {
		cancel(this.closeTimer);
		this.lingering = false;
		this.server.remove(this);
	}

	private static void cancel(@Nullable ScheduledFuture<?> timer) {
		if (timer != null) {
			timer.cancel(false);
		}
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
