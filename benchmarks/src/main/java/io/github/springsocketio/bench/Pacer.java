package io.github.springsocketio.bench;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.springsocketio.bench.load.WsClient;
import io.netty.channel.EventLoop;

/**
 * Sends at a fixed rate, open loop: every millisecond it sends as many messages as are due since it started (so a
 * late tick catches up instead of lowering the rate), taking the senders in turn, so that each of {@code n} senders
 * sends at {@code rate / n}. Runs on the load generator's event loop; how late it ran is reported, since a late
 * send is the generator's delay and not the server's.
 */
final class Pacer {

	private final EventLoop loop;

	private final List<WsClient> senders;

	private final double perSecond;

	private final Consumer<WsClient> send;

	private ScheduledFuture<?> ticks;

	private long startNanos;

	private long scheduled;

	private long sent;

	private long maxLagNanos;

	private int next;

	/** {@code perSecond} messages a second in all, over {@code senders}, each sent by {@code send}. */
	Pacer(EventLoop loop, List<WsClient> senders, double perSecond, Consumer<WsClient> send) {
		this.loop = loop;
		this.senders = senders;
		this.perSecond = perSecond;
		this.send = send;
	}

	/** Starts sending; call on the event loop. */
	void start() {
		this.startNanos = System.nanoTime();
		this.ticks = this.loop.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
	}

	private void tick() {
		long now = System.nanoTime();
		long due = (long) ((now - this.startNanos) * this.perSecond / 1e9);
		if (due > this.scheduled) {
			// the first message due was due at this instant: how far behind the schedule the generator is
			long dueAt = this.startNanos + (long) (this.scheduled * 1e9 / this.perSecond);
			this.maxLagNanos = Math.max(this.maxLagNanos, now - dueAt);
		}
		while (this.scheduled < due) {
			WsClient client = this.senders.get(this.next);
			this.next = (this.next + 1) % this.senders.size();
			this.scheduled++;
			if (client.isConnected()) {
				this.send.accept(client);
				this.sent++;
			}
		}
	}

	/** Stops sending; call on the event loop. */
	void stop() {
		if (this.ticks != null) {
			this.ticks.cancel(false);
		}
	}

	/** @return messages sent so far (not those due from senders that were no longer connected) */
	long sent() {
		return this.sent;
	}

	/** @return the most a message was sent after it was due, in milliseconds */
	double maxLagMillis() {
		return this.maxLagNanos / 1e6;
	}

}
