package io.github.springsocketio.engine;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * The polling side of a session: reads each POST body into the session, and holds at most one waiting {@code GET},
 * answered when packets are flushed. Confined to the session's event loop.
 */
final class PollingTransport {

	// logs as the session it serves, under the name its log lines always had
	private static final Log logger = LogFactory.getLog(Session.class);

	private final Session session;

	/** Whether the client speaks Engine.IO v3, whose payloads are framed by lengths. */
	private final boolean v3;

	/** Over v3, whether binary goes as binary payloads (false when the client asked for base64 with {@code b64}). */
	private final boolean supportsBinary;

	private @Nullable MonoSink<HttpReply> pendingGet;

	/** Whether the waiting request arrived while an upgrade was already under way. */
	private boolean heldDuringUpgrade;

	PollingTransport(Session session, boolean v3, boolean supportsBinary) {
		this.session = session;
		this.v3 = v3;
		this.supportsBinary = supportsBinary;
	}

	/**
	 * Hands the packets of a POST body to the session, in order.
	 * @param body the body
	 * @param binaryPayload whether it came as {@code application/octet-stream}, which only v3 clients send
	 * @return {@code ok}, or a {@code 400} when the payload is invalid, which ends the session
	 */
	HttpReply receive(byte[] body, boolean binaryPayload) {
		PollingPayload.Decoded decoded = this.v3 ? PollingPayloadV3.decode(body, binaryPayload)
				: PollingPayload.decode(body);
		this.session.observer().bytesReceived(Transport.POLLING, body.length);
		for (InboundPacket packet : decoded.packets()) {
			this.session.onInbound(this, packet);
		}
		if (decoded.error() != null) {
			logger.debug("Session " + this.session.id() + " posted an invalid payload (" + decoded.error()
					+ "); closing it");
			this.session.terminate(CloseReason.PARSE_ERROR);
			return HttpReply.empty(400);
		}
		return HttpReply.ok();
	}

	boolean hasPendingGet() {
		return this.pendingGet != null;
	}

	/**
	 * Refuses a poll made while another waits, which no client does: it is answered {@code 400} and the session
	 * ends, which answers the waiting one with a close packet.
	 * @param get the new poll
	 * @return whether it was refused
	 */
	boolean refusesOverlap(MonoSink<HttpReply> get) {
		if (this.pendingGet == null) {
			return false;
		}
		logger.debug("Session " + this.session.id() + " sent a second concurrent poll; closing it");
		get.success(HttpReply.empty(400));
		this.session.terminate(CloseReason.TRANSPORT_ERROR);
		return true;
	}

	/**
	 * Holds a poll until there is something to answer; a client that drops it ends the session.
	 * @param get the poll
	 * @param duringUpgrade whether an upgrade is under way
	 */
	void hold(MonoSink<HttpReply> get, boolean duringUpgrade) {
		this.pendingGet = get;
		this.heldDuringUpgrade = duringUpgrade;
		get.onCancel(() -> this.session.execute(() -> onAbandoned(get)));
	}

	private void onAbandoned(MonoSink<HttpReply> get) {
		if (this.pendingGet == get) {
			release();
			logger.debug("Poll connection of session " + this.session.id() + " closed prematurely");
			this.session.terminate(CloseReason.TRANSPORT_ERROR);
		}
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
			get.success(this.v3 ? PollingPayloadV3.encode(packets, this.supportsBinary, anyCompressible(packets))
					: HttpReply.payload(PollingPayload.encode(packets), anyCompressible(packets)));
		}
	}

	void answerIfPending(EnginePacket control) {
		if (this.pendingGet != null) {
			write(List.of(control));
		}
	}

	/** @return a body of one noop packet, which ends a poll with nothing to say */
	HttpReply noopReply() {
		return noopReply(this.v3);
	}

	/**
	 * @param v3 whether the client speaks Engine.IO v3
	 * @return a body of one noop packet, which ends a poll with nothing to say
	 */
	static HttpReply noopReply(boolean v3) {
		return v3 ? PollingPayloadV3.encode(List.of(EnginePacket.NOOP_PACKET), false, true)
				: HttpReply.payload(PollingPayload.encode(List.of(EnginePacket.NOOP_PACKET)), true);
	}

	/** As the reference: a response is compressed when at least one of its packets allows it. */
	private static boolean anyCompressible(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			if (packet.compress()) {
				return true;
			}
		}
		return false;
	}

}
