package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineIoSession;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.HandshakeRequest;
import io.github.springsocketio.engine.Transport;
import org.jspecify.annotations.Nullable;

/**
 * An Engine.IO session with no network under it, for the server's unit tests: it keeps what is written to it, in
 * order (a backlog's packets marked as such), and runs the tasks handed to it at once, on the caller's thread.
 */
final class LoopbackSession implements EngineIoSession {

	private static final HandshakeRequest HANDSHAKE = new HandshakeRequest("/socket.io/?EIO=4&transport=websocket",
			java.util.Map.of(), java.util.Map.of(), "127.0.0.1", false, 0L);

	/** What was written, as text, a backlog's packets prefixed with {@code backlog:}. */
	final List<String> written = new CopyOnWriteArrayList<>();

	/** The packets written, the very instances. */
	final List<EnginePacket> packets = new CopyOnWriteArrayList<>();

	private final String id;

	private final Executor eventLoop;

	private final boolean inEventLoop;

	private volatile boolean open = true;

	private @Nullable Object attachment;

	/**
	 * @param eventLoop what {@link #eventLoop()} returns, for tests of how work is grouped by loop
	 * @param inEventLoop what {@link #inEventLoop()} answers
	 */
	LoopbackSession(String id, Executor eventLoop, boolean inEventLoop) {
		this.id = id;
		this.eventLoop = eventLoop;
		this.inEventLoop = inEventLoop;
	}

	LoopbackSession(String id) {
		this(id, Runnable::run, true);
	}

	/** @return a client of {@code server} on this session */
	Client client(SocketIOServer server) {
		return new Client(server, this);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public Transport transport() {
		return Transport.WEBSOCKET;
	}

	@Override
	public HandshakeRequest handshake() {
		return HANDSHAKE;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public void send(EnginePacket packet) {
		this.packets.add(packet);
		this.written.add(packet.toString());
	}

	@Override
	public void send(List<EnginePacket> packets) {
		packets.forEach(this::send);
	}

	@Override
	public void sendBacklog(List<EnginePacket> packets) {
		this.packets.addAll(packets);
		packets.forEach((packet) -> this.written.add("backlog:" + packet));
	}

	@Override
	public void sendVolatile(List<EnginePacket> packets) {
		send(packets);
	}

	@Override
	public void close() {
		this.open = false;
	}

	@Override
	public void close(CloseReason reason) {
		close();
	}

	@Override
	public void execute(Runnable task) {
		task.run();
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		throw new UnsupportedOperationException("no timers in a loopback session");
	}

	@Override
	public Executor eventLoop() {
		return this.eventLoop;
	}

	@Override
	public boolean inEventLoop() {
		return this.inEventLoop;
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

}
