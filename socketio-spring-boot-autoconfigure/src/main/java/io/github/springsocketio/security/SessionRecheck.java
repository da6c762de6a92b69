package io.github.springsocketio.security;

import java.lang.ref.WeakReference;
import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.SocketIOSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks one socket's login session again every interval, as its handshake's cookies name it, and disconnects the
 * socket once the session no longer holds the socket's user (logged out, timed out). A check that fails (a session
 * store out of reach) keeps the socket. The timer holds the socket weakly and stops when it leaves.
 */
final class SessionRecheck {

	private static final Log logger = LogFactory.getLog(SessionRecheck.class);

	private final WeakReference<SocketIOSocket> socket;

	private final SessionCredentials session;

	private final AtomicBoolean checking = new AtomicBoolean();

	private volatile @Nullable Disposable ticks;

	// read and written by the ticks only, one at a time
	private boolean connected;

	private int ticksUnconnected;

	private SessionRecheck(SocketIOSocket socket, SessionCredentials session) {
		this.socket = new WeakReference<>(socket);
		this.session = session;
	}

	static void start(SocketIOSocket socket, SessionCredentials session, Duration interval) {
		SessionRecheck recheck = new SessionRecheck(socket, session);
		socket.onDisconnect((reason) -> recheck.stop());
		recheck.ticks = Flux.interval(interval).subscribe((tick) -> recheck.check());
	}

	private void check() {
		SocketIOSocket socket = this.socket.get();
		if (socket == null || (!socket.connected() && (this.connected || ++this.ticksUnconnected > 10))) {
			// gone, or refused after authentication
			stop();
			return;
		}
		if (!socket.connected()) {
			// still being admitted: its connection middlewares run
			return;
		}
		this.connected = true;
		if (!this.checking.compareAndSet(false, true)) {
			return;
		}
		String user = socket.principal().map(Principal::getName).orElse("");
		Mono.defer(() -> this.session.authenticate(socket))
			.map((authentication) -> user.equals(authentication.getName()))
			.defaultIfEmpty(false)
			.doFinally((signal) -> this.checking.set(false))
			.subscribe((valid) -> {
				if (!valid) {
					logger.debug("Disconnecting socket " + socket.id() + ": its login session ended");
					socket.disconnect(DisconnectReason.CREDENTIALS_EXPIRED);
				}
			}, (ex) -> logger.debug("Could not check the session of socket " + socket.id() + ": " + ex));
	}

	private void stop() {
		Disposable ticks = this.ticks;
		if (ticks != null) {
			ticks.dispose();
		}
	}

}
