package io.github.springsocketio.engine;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls an application's {@link EngineIoListener} so that its failures go no further: a listener that throws is
 * logged, and neither the session's event loop nor any other session notices.
 */
final class GuardedListener implements EngineIoListener {

	// logs as the session it serves, under the name its log lines always had
	private static final Log logger = LogFactory.getLog(Session.class);

	private final EngineIoListener listener;

	GuardedListener(EngineIoListener listener) {
		this.listener = listener;
	}

	@Override
	public void onOpen(EngineIoSession session) {
		try {
			this.listener.onOpen(session);
		}
		catch (RuntimeException ex) {
			failed(session, ex);
		}
	}

	@Override
	public void onMessage(EngineIoSession session, EngineMessage message) {
		try {
			this.listener.onMessage(session, message);
		}
		catch (RuntimeException ex) {
			failed(session, ex);
		}
	}

	@Override
	public void onUpgrade(EngineIoSession session) {
		try {
			this.listener.onUpgrade(session);
		}
		catch (RuntimeException ex) {
			failed(session, ex);
		}
	}

	@Override
	public void onClose(EngineIoSession session, CloseReason reason) {
		try {
			this.listener.onClose(session, reason);
		}
		catch (RuntimeException ex) {
			failed(session, ex);
		}
	}

	private static void failed(EngineIoSession session, RuntimeException ex) {
		logger.error("Engine.IO listener failed for session " + session.id(), ex);
	}

}
