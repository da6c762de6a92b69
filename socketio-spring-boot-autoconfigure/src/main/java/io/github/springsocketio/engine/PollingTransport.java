package io.github.springsocketio.engine;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * The polling side of a session: at most one waiting {@code GET}, answered when packets are flushed. Confined to the
 * session's event loop.
 */
final class PollingTransport {

	private @Nullable MonoSink<HttpReply> pendingGet;

	/** Whether the waiting request arrived while an upgrade was already under way. */
	private boolean heldDuringUpgrade;

	boolean hasPendingGet() {
		return this.pendingGet != null;
	}

	boolean isPending(MonoSink<HttpReply> get) {
		return this.pendingGet == get;
	}

	void hold(MonoSink<HttpReply> get, boolean duringUpgrade) {
		this.pendingGet = get;
		this.heldDuringUpgrade = duringUpgrade;
	}

	boolean heldDuringUpgrade() {
		return this.pendingGet != null && this.heldDuringUpgrade;
	}

	void answerIfPending(HttpReply reply) {
		MonoSink<HttpReply> get = this.pendingGet;
		this.pendingGet = null;
		if (get != null) {
			get.success(reply);
		}
	}

	/**
	 * Stops holding the waiting request.
	 * @return it, to be answered by the caller
	 */
	@Nullable MonoSink<HttpReply> release() {
		MonoSink<HttpReply> get = this.pendingGet;
		this.pendingGet = null;
		return get;
	}

	/** Answers the waiting request with the packets; the caller checked {@link #hasPendingGet()}. */
	void write(List<EnginePacket> packets) {
		MonoSink<HttpReply> get = this.pendingGet;
		this.pendingGet = null;
		if (get != null) {
			get.success(HttpReply.payload(PollingPayload.encode(packets)));
		}
	}

	void answerIfPending(EnginePacket control) {
		if (this.pendingGet != null) {
			write(List.of(control));
		}
	}

}
