package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import io.github.springsocketio.server.Adapter;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.PersistedSession;
import io.github.springsocketio.server.RestoredSession;
import io.github.springsocketio.server.SocketDetails;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The adapter of a single server node: rooms, broadcasts and connection state recovery in memory. A cluster adapter
 * holds one for the work on this node's sockets and adds what it forwards to other nodes.
 *
 * <pre>{@code SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build();}</pre>
 */
public class InMemoryAdapter implements Adapter {

	/** How often expired recovery data is dropped, at most. */
	private static final Duration CLEAN_UP_PERIOD = Duration.ofMinutes(1);

	private final AdapterContext context;

	private final RoomIndex rooms = new RoomIndex();

	private final @Nullable RecoveryLog recoveryLog;

	private @Nullable Disposable cleanUp;

	public InMemoryAdapter(AdapterContext context) {
		this(context, true);
	}

	/**
	 * @param context the namespace
	 * @param keepsRecoveryLog whether this adapter keeps recovery data in memory; cluster adapters keep it in the
	 * cluster's store instead
	 */
	InMemoryAdapter(AdapterContext context, boolean keepsRecoveryLog) {
		this.context = context;
		ConnectionStateRecoveryOptions recovery = context.recovery();
		this.recoveryLog = (recovery != null && keepsRecoveryLog) ? new RecoveryLog(recovery.maxDisconnectionDuration())
				: null;
	}

	@Override
	public void init() {
		RecoveryLog log = this.recoveryLog;
		ConnectionStateRecoveryOptions recovery = this.context.recovery();
		if (log != null && recovery != null) {
			long period = Math.min(CLEAN_UP_PERIOD.toMillis(), recovery.maxDisconnectionDuration().toMillis());
			this.cleanUp = Schedulers.parallel().schedulePeriodically(log::cleanUp, period, period, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void close() {
		if (this.cleanUp != null) {
			this.cleanUp.dispose();
		}
	}

	@Override
	public void addAll(String socketId, Set<String> rooms) {
		this.rooms.addAll(socketId, rooms);
	}

	@Override
	public void del(String socketId, String room) {
		this.rooms.del(socketId, room);
	}

	@Override
	public void delAll(String socketId) {
		this.rooms.delAll(socketId);
	}

	@Override
	public Set<String> socketRooms(String socketId) {
		return this.rooms.socketRooms(socketId);
	}

	@Override
	public Set<String> rooms() {
		return this.rooms.rooms();
	}

	@Override
	public int roomSize(String room) {
		return this.rooms.roomSize(room);
	}

	/** @return how many local sockets the namespace has */
	public int socketCount() {
		return this.rooms.socketCount();
	}

	@Override
	public Mono<Void> broadcast(Packet packet, BroadcastOptions options) {
		Packet delivered = packet;
		if (this.recoveryLog != null && isRecoverable(packet, options)) {
			delivered = new Packet(packet.type(), packet.namespace(),
					this.recoveryLog.append((ArrayNode) packet.data(), options), Packet.NO_ID);
		}
		this.context.deliver(delivered, this.rooms.select(options), options.flags());
		return Mono.empty();
	}

	/**
	 * Sends a packet to the selected local sockets, numbered with the offset a cluster's log gave it when connection
	 * state recovery applies to it (an event without acknowledgement, not volatile).
	 * @param packet the packet
	 * @param options the targeting
	 * @param offset the offset in the cluster's log, or {@code null} when it has none
	 */
	void deliver(Packet packet, BroadcastOptions options, @Nullable String offset) {
		Packet delivered = packet;
		if (offset != null && this.context.recovery() != null && isRecoverable(packet, options)) {
			ArrayNode data = ((ArrayNode) packet.data()).deepCopy();
			data.add(offset);
			delivered = new Packet(packet.type(), packet.namespace(), data, Packet.NO_ID);
		}
		this.context.deliver(delivered, this.rooms.select(options), options.flags());
	}

	private static boolean isRecoverable(Packet packet, BroadcastOptions options) {
		return packet.type() == PacketType.EVENT && !packet.hasId() && !options.flags().isVolatile()
				&& packet.data() instanceof ArrayNode;
	}

	@Override
	public void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCount,
			Consumer<JsonNode> ack) {
		clientCount.accept(deliverWithAck(packet, options, ack));
	}

	/**
	 * Sends a packet asking for acknowledgements to the selected local sockets.
	 * @return how many sockets it went to
	 */
	public int deliverWithAck(Packet packet, BroadcastOptions options, Consumer<JsonNode> ack) {
		return this.context.deliverWithAck(packet, this.rooms.select(options), options.flags(), ack);
	}

	@Override
	public Mono<Integer> serverCount() {
		return Mono.just(1);
	}

	@Override
	public Mono<List<SocketDetails>> fetchSockets(BroadcastOptions options) {
		return Mono.fromSupplier(() -> sockets(options));
	}

	/**
	 * @param options the targeting
	 * @return the details of the selected local sockets
	 */
	public List<SocketDetails> sockets(BroadcastOptions options) {
		List<SocketDetails> sockets = new ArrayList<>();
		forEachSelected(options, (id) -> {
			SocketDetails details = this.context.socket(id);
			if (details != null) {
				sockets.add(details);
			}
		});
		return sockets;
	}

	@Override
	public Mono<Void> addSockets(BroadcastOptions options, Set<String> rooms) {
		join(options, rooms);
		return Mono.empty();
	}

	/** Makes the selected local sockets join rooms. */
	public void join(BroadcastOptions options, Set<String> rooms) {
		forEachSelected(options, (id) -> this.context.join(id, rooms));
	}

	@Override
	public Mono<Void> delSockets(BroadcastOptions options, Set<String> rooms) {
		leave(options, rooms);
		return Mono.empty();
	}

	/** Makes the selected local sockets leave rooms. */
	public void leave(BroadcastOptions options, Set<String> rooms) {
		forEachSelected(options, (id) -> this.context.leave(id, rooms));
	}

	@Override
	public Mono<Void> disconnectSockets(BroadcastOptions options, boolean close) {
		disconnect(options, close);
		return Mono.empty();
	}

	/** Disconnects the selected local sockets. */
	public void disconnect(BroadcastOptions options, boolean close) {
		forEachSelected(options, (id) -> this.context.disconnect(id, close));
	}

	/**
	 * Applies an action to each selected local socket. It iterates over a copy of the selection, since the action may
	 * change the rooms the selection is a live view of (joining, leaving, disconnecting).
	 */
	private void forEachSelected(BroadcastOptions options, Consumer<String> action) {
		List.copyOf(this.rooms.select(options)).forEach(action);
	}

	/** A single node has no other server to tell. */
	@Override
	public Mono<Void> serverSideEmit(ArrayNode packet) {
		return Mono.empty();
	}

	/** A single node has no other server to answer. */
	@Override
	public Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode packet, Duration timeout) {
		return Mono.just(List.of());
	}

	@Override
	public Mono<Void> persistSession(PersistedSession session) {
		if (this.recoveryLog != null) {
			this.recoveryLog.persist(session);
		}
		return Mono.empty();
	}

	@Override
	public Mono<RestoredSession> restoreSession(String pid, String offset) {
		RecoveryLog log = this.recoveryLog;
		return (log != null) ? Mono.fromSupplier(() -> log.restore(pid, offset)) : Mono.empty();
	}

	@Override
	public Mono<List<ArrayNode>> missedPackets(Set<String> rooms, String offset) {
		RecoveryLog log = this.recoveryLog;
		return (log != null) ? Mono.fromSupplier(() -> log.missedSince(offset, rooms)) : Mono.just(List.of());
	}

}
