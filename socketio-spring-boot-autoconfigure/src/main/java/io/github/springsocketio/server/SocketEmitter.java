package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Set;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;

/**
 * Emits to one socket with flags: made by {@link SocketIOSocket#timeout}, {@link SocketIOSocket#asVolatile()} and
 * {@link SocketIOSocket#compress}. Immutable.
 *
 * <pre>{@code socket.timeout(Duration.ofSeconds(2)).emitWithAck("ready?").subscribe(answer -> ...);}</pre>
 */
public final class SocketEmitter {

	private static final Log logger = LogFactory.getLog(SocketIOSocket.class);

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
		Namespace namespace = this.socket.namespace();
		ArrayNode data = Payloads.event(namespace.mapper(), event, args);
		send(new Packet(PacketType.EVENT, namespace.name(), data, Packet.NO_ID));
	}

	/**
	 * Sends an event and waits for the acknowledgement. The arguments are read at once (a reserved event name throws
	 * here), but nothing is sent until the {@code Mono} is subscribed, and each subscription sends the event again;
	 * cancelling stops the wait.
	 * @param event the event name
	 * @param args the arguments
	 * @return the arguments of the acknowledgement; fails with {@link AckTimeoutException} after the timeout, with
	 * {@link SocketDisconnectedException} if the socket disconnects first
	 */
	public Mono<Arguments> emitWithAck(String event, Object... args) {
		Namespace namespace = this.socket.namespace();
		ArrayNode data = Payloads.event(namespace.mapper(), event, args);
		return Mono.create((sink) -> {
			long ackId = namespace.nextAckId();
			sink.onCancel(() -> this.socket.connection.cancelAck(ackId));
			this.socket.connection.registerAck(ackId, (values) -> sink.success(new Arguments(values, namespace.mapper())),
					sink::error, this.flags.timeout());
			send(new Packet(PacketType.EVENT, namespace.name(), data, ackId));
		});
	}

	/**
	 * Sends an event, through the adapter when connection state recovery is on (so the event is numbered and kept
	 * for this socket, as the reference does), else straight to the connection.
	 */
	private void send(Packet packet) {
		Namespace namespace = this.socket.namespace();
		if (namespace.recovery() != null) {
			BroadcastOptions target = new BroadcastOptions(Set.of(this.socket.id()), Set.of(), this.flags);
			namespace.adapter()
				.broadcast(packet, target)
				.subscribe(null, (ex) -> logger.warn("Emit to socket " + this.socket.id() + " failed", ex));
		}
		else {
			this.socket.connection.notifyOutgoing(packet);
			this.socket.connection.write(namespace.encode(packet, this.flags), this.flags);
			namespace.observer().packetsSent(namespace, 1);
		}
	}

}
