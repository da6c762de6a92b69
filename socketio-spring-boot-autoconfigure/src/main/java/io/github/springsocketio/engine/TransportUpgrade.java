package io.github.springsocketio.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * One session's upgrade from polling to WebSocket: the probe WebSocket and its timeout, the answer to its probe, the
 * polls that wait meanwhile, and the further WebSockets that arrive before it is decided. Confined to the session's
 * loop.
 */
final class TransportUpgrade {

	// logs as the session it serves, under the name its log lines always had
	private static final Log logger = LogFactory.getLog(Session.class);

	/**
	 * When a poll that arrived during an upgrade is ended with a noop after the probe (Node.js checks every 100 ms).
	 * Not at once: such a poll may come from a client that already sent the upgrade packet right behind the probe.
	 */
	static final long NOOP_DELAY_MS = 100;

	private final String sessionId;

	private final SessionLoop loop;

	private final long timeoutMillis;

	private final Consumer<WebSocketTransport> upgraded;

	private final Runnable abandoned;

	private @Nullable WebSocketTransport probe;

	/** The transport the session leaves, while a probe is open. */
	private @Nullable PollingTransport polling;

	private boolean probed;

	private @Nullable ScheduledFuture<?> timer;

	/** Further WebSockets for this session that arrived during the upgrade; closed once it moves on. */
	private final List<WebSocketTransport> refused = new ArrayList<>(0);

	/**
	 * @param sessionId the session's id, for the log
	 * @param loop the session's loop
	 * @param timeoutMillis how long a probe WebSocket may take to complete the upgrade
	 * @param upgraded switches the session to the WebSocket and flushes what waits
	 * @param abandoned an upgrade ended without switching: the session flushes what waits on polling
	 */
	TransportUpgrade(String sessionId, SessionLoop loop, long timeoutMillis, Consumer<WebSocketTransport> upgraded,
			Runnable abandoned) {
		this.sessionId = sessionId;
		this.loop = loop;
		this.timeoutMillis = timeoutMillis;
		this.upgraded = upgraded;
		this.abandoned = abandoned;
	}

	/** @return whether a probe WebSocket is open */
	boolean isUnderWay() {
		return this.probe != null;
	}

	/** @return whether the probe was answered: polls then get no packets, those wait for the WebSocket */
	boolean isProbed() {
		return this.probed;
	}

	boolean isProbe(Object transport) {
		return transport == this.probe;
	}

	/**
	 * A WebSocket for the session arrived. One that comes while a probe waits for its answer is closed only after
	 * that answer, so the answer reaches the client first.
	 * @param candidate the WebSocket
	 * @param polling the session's polling transport, {@code null} once it uses WebSocket
	 * @param allowed whether the session may upgrade now (it is open, upgrades are allowed)
	 */
	void request(WebSocketTransport candidate, @Nullable PollingTransport polling, boolean allowed) {
		if (this.probe != null && !this.probed) {
			this.refused.add(candidate);
			return;
		}
		if (!allowed || polling == null || this.probe != null) {
			candidate.close();
			return;
		}
		this.probe = candidate;
		this.polling = polling;
		this.timer = this.loop.schedule(() -> {
			if (this.probe == candidate) {
				logger.debug("Upgrade of session " + this.sessionId + " timed out");
				abort();
			}
		}, this.timeoutMillis);
	}

	/** A packet on the probe WebSocket: the probe ping, the upgrade packet, or anything else, which aborts. */
	void onProbePacket(InboundPacket packet) {
		WebSocketTransport candidate = this.probe;
		if (candidate == null) {
			return;
		}
		if (packet.type() == EnginePacket.PING && packet.isProbe()) {
			candidate.write(EnginePacket.PONG_PROBE);
			this.probed = true;
			List<WebSocketTransport> refused = List.copyOf(this.refused);
			this.refused.clear();
			candidate.afterPendingWrites(() -> refused.forEach(WebSocketTransport::close));
			PollingTransport polling = this.polling;
			if (polling != null && polling.hasPendingGet()) {
				if (polling.heldDuringUpgrade()) {
					endPollLater();
				}
				else {
					polling.answerIfPending(EnginePacket.NOOP_PACKET);
				}
			}
		}
		else if (packet.type() == EnginePacket.UPGRADE) {
			complete(candidate);
		}
		else {
			abort();
		}
	}

	/**
	 * Holds a poll on the polling transport. Once the probe is answered the poll gets no packets, those wait for the
	 * WebSocket: it is ended later instead, see {@link #endPollLater()}.
	 * @param polling the session's polling transport
	 * @param get the poll
	 * @return whether the poll may take the packets waiting
	 */
	boolean holdPoll(PollingTransport polling, MonoSink<HttpReply> get) {
		polling.hold(get, isUnderWay());
		if (this.probed) {
			endPollLater();
			return false;
		}
		return true;
	}

	/**
	 * Ends a poll that came during the upgrade with a noop a little later, unless the upgrade completes first: the
	 * client may have sent the upgrade packet right behind the probe, and then this poll gets the answer of any poll
	 * after the upgrade.
	 */
	private void endPollLater() {
		WebSocketTransport candidate = this.probe;
		PollingTransport polling = this.polling;
		this.loop.schedule(() -> {
			if (this.probe == candidate && this.polling == polling && polling != null) {
				polling.answerIfPending(EnginePacket.NOOP_PACKET);
			}
		}, NOOP_DELAY_MS);
	}

	private void complete(WebSocketTransport candidate) {
		PollingTransport polling = this.polling;
		end();
		if (polling != null && polling.hasPendingGet()) {
			// a poll made once the upgrade was under way is answered as any poll after it: transport mismatch
			if (polling.heldDuringUpgrade()) {
				MonoSink<HttpReply> get = polling.release();
				candidate.afterPendingWrites(() -> get.success(HttpReply.error(EngineIoError.BAD_REQUEST)));
			}
			else {
				polling.answerIfPending(polling.noopReply());
			}
		}
		this.upgraded.accept(candidate);
	}

	/** Gives the upgrade up: the probe WebSocket is closed and the session stays on polling. */
	void abort() {
		WebSocketTransport candidate = this.probe;
		end();
		if (candidate != null) {
			candidate.close();
		}
		this.abandoned.run();
	}

	/** The client closed the probe WebSocket: the session stays on polling. */
	void onProbeClosed() {
		end();
		this.abandoned.run();
	}

	/** The session ended: the probe and the WebSockets refused meanwhile are closed. */
	void close() {
		WebSocketTransport candidate = this.probe;
		end();
		if (candidate != null) {
			candidate.close();
		}
	}

	private void end() {
		SessionLoop.cancel(this.timer);
		this.probe = null;
		this.polling = null;
		this.probed = false;
		for (WebSocketTransport socket : this.refused) {
			socket.close();
		}
		this.refused.clear();
	}

}
