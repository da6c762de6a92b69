package io.github.springsocketio.server;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Emits to one socket with flags: made by {@link SocketIOSocket#timeout}, {@link SocketIOSocket#asVolatile()} and
 * {@link SocketIOSocket#compress}. Immutable.
 *
 * <pre>{@code socket.timeout(Duration.ofSeconds(2)).emitWithAck("ready?").subscribe(answer -> ...);}</pre>
 */
public final class SocketEmitter {

	private final SocketIOSocket socket;

	private final BroadcastFlags flags;

	SocketEmitter(SocketIOSocket socket, BroadcastFlags flags) {
		this.socket = socket;
		this.flags = flags;
	}

	/**
	 * @param timeout how long to wait for an acknowledgement
	 * @return an emitter with that deadline
	 */
	public SocketEmitter timeout(Duration timeout) {
		return new SocketEmitter(this.socket, this.flags.withTimeout(timeout));
	}

	/** @return an emitter of volatile events */
	public SocketEmitter asVolatile() {
		return new SocketEmitter(this.socket, this.flags.withVolatile());
	}

	/**
	 * @param compress the compression hint
	 * @return an emitter with that hint
	 */
	public SocketEmitter compress(boolean compress) {
		return new SocketEmitter(this.socket, this.flags.withCompress(compress));
	}

	/**
	 * Sends an event.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, Object... args) {
		this.socket.emit(this.flags, event, args);
	}

	/**
	 * Sends an event and waits for the acknowledgement; starts at once.
	 * @param event the event name
	 * @param args the arguments
	 * @return the arguments of the acknowledgement; fails with {@link AckTimeoutException} after the timeout
	 */
	public Mono<Arguments> emitWithAck(String event, Object... args) {
		return this.socket.emitWithAck(this.flags, event, args);
	}

}
