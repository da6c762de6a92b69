package io.github.springsocketio.bench.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import org.HdrHistogram.Histogram;

/**
 * Opens {@code size} WebSocket clients to one server, at most {@code inFlight} handshakes at a time (so that no
 * server's accept backlog decides the result), and hands their packets to a scenario's listener. Confined to the
 * generator's single event loop, like its clients.
 */
public final class Fleet implements WsClient.Listener {

	private final Net net;

	private final String host;

	private final int port;

	private final int size;

	private final int inFlight;

	private final WsClient.Listener scenario;

	/** Sessions opened over polling, one per client, that the clients upgrade; {@code null} for WebSocket only. */
	private final List<String> sids;

	private final List<WsClient> clients = new ArrayList<>();

	private final CompletableFuture<Void> opened = new CompletableFuture<>();

	private final CompletableFuture<Void> allClosed = new CompletableFuture<>();

	/** Microseconds from TCP connect to the Socket.IO connect acknowledgement. */
	private final Histogram connectLatency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);

	private int started;

	private int connected;

	private int failed;

	private int closedCount;

	private int lost;

	private boolean closing;

	private List<InetSocketAddress> sources = List.of();

	private int connectTimeoutMillis = 10_000;

	private long startNanos;

	private long openedNanos;

	public Fleet(Net net, String host, int port, int size, int inFlight, WsClient.Listener scenario) {
		this(net, host, port, size, inFlight, scenario, null);
	}

	/** A fleet whose clients upgrade the given sessions, opened over polling, one each; size is their number. */
	public Fleet(Net net, String host, int port, List<String> sids, int inFlight, WsClient.Listener scenario) {
		this(net, host, port, sids.size(), inFlight, scenario, List.copyOf(sids));
	}

	private Fleet(Net net, String host, int port, int size, int inFlight, WsClient.Listener scenario,
			List<String> sids) {
		this.sids = sids;
		this.net = net;
		this.host = host;
		this.port = port;
		this.size = size;
		this.inFlight = inFlight;
		this.scenario = scenario;
	}

	/**
	 * Connects the clients from these source addresses in turn (any port), instead of the kernel's choice; call
	 * before {@link #open()}.
	 */
	public Fleet from(List<String> sourceAddresses) {
		this.sources = sourceAddresses.stream().map((address) -> new InetSocketAddress(address, 0)).toList();
		return this;
	}

	/** How long a TCP connect may take (10 s unless set); call before {@link #open()}. */
	public Fleet connectTimeout(Duration timeout) {
		this.connectTimeoutMillis = (int) timeout.toMillis();
		return this;
	}

	public EventLoop loop() {
		return this.net.loop();
	}

	/** Opens the clients; completes once every one is connected or has failed. */
	public CompletableFuture<Void> open() {
		loop().execute(() -> {
			this.startNanos = System.nanoTime();
			if (this.size == 0) {
				this.openedNanos = this.startNanos;
				this.opened.complete(null);
			}
			launch();
		});
		return this.opened;
	}

	private void launch() {
		while (this.started < this.size && this.started - this.connected - this.failed < this.inFlight) {
			WsClient client = new WsClient(this.host, this.port, this,
					(this.sids != null) ? this.sids.get(this.started) : null);
			client.startedAtNanos = System.nanoTime();
			this.clients.add(client);
			InetSocketAddress source = this.sources.isEmpty() ? null
					: this.sources.get(this.started % this.sources.size());
			this.started++;
			this.net.connect(this.host, this.port, source, this.connectTimeoutMillis, client).addListener((future) -> {
				if (!future.isSuccess()) {
					onFailed();
				}
			});
		}
	}

	private void onFailed() {
		this.failed++;
		this.closedCount++;
		checkOpened();
		launch();
		checkClosed();
	}

	private void checkOpened() {
		if (this.connected + this.failed == this.size && !this.opened.isDone()) {
			this.openedNanos = System.nanoTime();
			this.opened.complete(null);
		}
	}

	@Override
	public void onConnected(WsClient client) {
		this.connected++;
		this.connectLatency.recordValue(Math.max(0, (System.nanoTime() - client.startedAtNanos) / 1000));
		checkOpened();
		launch();
		this.scenario.onConnected(client);
	}

	@Override
	public void onEvent(WsClient client, ByteBuf buf, int index, int length) {
		this.scenario.onEvent(client, buf, index, length);
	}

	@Override
	public void onAck(WsClient client, long id, ByteBuf buf, int index, int length) {
		this.scenario.onAck(client, id, buf, index, length);
	}

	@Override
	public void onClosed(WsClient client, boolean wasConnected) {
		this.closedCount++;
		if (!wasConnected && !this.closing) {
			this.failed++;
			checkOpened();
			launch();
		}
		else if (wasConnected && !this.closing) {
			this.lost++;
		}
		this.scenario.onClosed(client, wasConnected);
		checkClosed();
	}

	private void checkClosed() {
		if (this.closing && this.closedCount >= this.started) {
			this.allClosed.complete(null);
		}
	}

	/** Closes every client; completes once all their connections are gone. */
	public CompletableFuture<Void> closeAll() {
		loop().execute(() -> {
			this.closing = true;
			for (WsClient client : this.clients) {
				client.close();
			}
			checkClosed();
		});
		return this.allClosed;
	}

	/** @return the clients; use on the event loop */
	public List<WsClient> clients() {
		return this.clients;
	}

	public int connected() {
		return this.connected;
	}

	public int failed() {
		return this.failed;
	}

	/** @return connected clients whose connection closed before the scenario closed them */
	public int lost() {
		return this.lost;
	}

	/** @return nanoseconds from the first connect to the last client connected (or failed) */
	public long openNanos() {
		return this.openedNanos - this.startNanos;
	}

	public Histogram connectLatency() {
		return this.connectLatency;
	}

}
