package io.github.springsocketio.engine;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * An event loop for unit tests that runs only when the test says so, on the test's thread, with a clock that moves
 * only when the test moves it: an {@link EmbeddedChannel}'s loop with its time frozen.
 */
final class ManualEventLoop implements AutoCloseable {

	private final EmbeddedChannel channel = new EmbeddedChannel();

	ManualEventLoop() {
		this.channel.freezeTime();
	}

	/** @return the channel whose loop this is, e.g. to stand for a connection */
	EmbeddedChannel channel() {
		return this.channel;
	}

	EventLoop eventLoop() {
		return this.channel.eventLoop();
	}

	SessionLoop sessionLoop() {
		return new SessionLoop(eventLoop(), "sid");
	}

	/** @return a session of the server confined to this loop, not opened yet */
	Session session(EngineIoServer server, Transport transport) {
		return new Session("sid", new HandshakeRequest("/", Map.of(), Map.of(), "", false, 0), transport, server,
				eventLoop(), 4);
	}

	/** Ends the current turn: runs the tasks queued so far. */
	void runPendingTasks() {
		this.channel.runPendingTasks();
	}

	/** Moves the clock forward and runs the timers that are then due. */
	void advance(long millis) {
		this.channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
		this.channel.runScheduledPendingTasks();
	}

	@Override
	public void close() {
		this.channel.finishAndReleaseAll();
	}

}
