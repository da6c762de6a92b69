package io.github.springsocketio.adapter.redis;

import java.util.List;
import java.util.Set;

import io.github.springsocketio.adapter.ClusterAdapter;
import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterObserver;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.BroadcastFlags;
import io.github.springsocketio.server.BroadcastOptions;
import io.github.springsocketio.server.ConnectionStateRecoveryOptions;
import io.github.springsocketio.server.PersistedSession;
import io.github.springsocketio.server.RestoredSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The Redis Streams transport of one namespace, as {@code @socket.io/redis-streams-adapter} 0.3 does it: broadcasts
 * and room operations are stream entries ({@code XADD}), requests go to the namespace's public PUB/SUB channel,
 * responses to the requester's private channel, and the server count is the public channel's subscriber count.
 */
final class RedisStreamsAdapter extends ClusterAdapter {

	private static final Log logger = LogFactory.getLog(RedisStreamsAdapter.class);

	private final RedisStreamsAdapterFactory cluster;

	private final String stream;

	private final String publicChannel;

	private final BatchedDisconnects staleSockets;

	private @Nullable Disposable subscription;

	RedisStreamsAdapter(AdapterContext context, RedisStreamsAdapterFactory cluster) {
		super(context, cluster.options().requestTimeout());
		this.cluster = cluster;
		this.staleSockets = new BatchedDisconnects((sids) -> disconnectSockets(
				new BroadcastOptions(sids, Set.of(), BroadcastFlags.NONE), false));
		this.stream = cluster.options().streamFor(context.namespace());
		this.publicChannel = cluster.channel(context.namespace(), null);
	}

	String stream() {
		return this.stream;
	}

	@Override
	public void init() {
		super.init();
		ConnectionStateRecoveryOptions recovery = this.context.recovery();
		LiveSessions live = this.cluster.liveSessions();
		if (live != null && recovery != null) {
			live.start(recovery.maxDisconnectionDuration());
		}
		// each channel subscribed exactly once per node: the Node.js nodes count servers by subscriber count
		this.subscription = this.cluster.subscribe(
				List.of(this.publicChannel, this.cluster.channel(this.context.namespace(), this.uid)), this::onEnvelope);
	}

	@Override
	public void close() {
		if (this.subscription != null) {
			this.subscription.dispose();
		}
		this.cluster.remove(this);
		super.close();
	}

	private void onEnvelope(byte[] envelope) {
		ClusterMessage message;
		try {
			message = this.cluster.codec().fromEnvelope(envelope);
		}
		catch (RuntimeException ex) {
			logger.debug("Skipping an undecodable PUB/SUB message", ex);
			return;
		}
		if (message != null) {
			onMessage(message, null);
		}
	}

	@Override
	protected Mono<String> doPublish(ClusterMessage message) {
		if (isDurable(message)) {
			return this.cluster.commands()
				.xadd(this.stream, this.cluster.codec().toStreamFields(message), this.cluster.options().maxLength());
		}
		return this.cluster.commands().publish(this.publicChannel, this.cluster.codec().toEnvelope(message)).then(Mono.empty());
	}

	/** Broadcasts without acknowledgements and room operations go to the stream; requests over PUB/SUB. */
	private static boolean isDurable(ClusterMessage message) {
		return switch (message.type()) {
			case BROADCAST -> message.requestId() == null;
			case SOCKETS_JOIN, SOCKETS_LEAVE, DISCONNECT_SOCKETS -> true;
			default -> false;
		};
	}

	@Override
	protected Mono<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
		return this.cluster.commands()
			.publish(this.cluster.channel(this.context.namespace(), requesterUid), this.cluster.codec().toEnvelope(response))
			.then();
	}

	/** As the Node.js adapter: the subscribers of the namespace's public channel, at least this node. */
	@Override
	public Mono<Integer> serverCount() {
		return this.cluster.commands()
			.subscriberCount(this.publicChannel)
			.map((count) -> (int) Math.max(count, 1))
			.onErrorReturn(1);
	}

	@Override
	public Mono<Void> persistSession(PersistedSession session) {
		ConnectionStateRecoveryOptions recovery = this.context.recovery();
		if (recovery == null) {
			return Mono.empty();
		}
		// while Redis is known to be down the outage was logged once: not once more per lost socket
		return this.cluster.sessions()
			.persist(session, recovery.maxDisconnectionDuration())
			.onErrorResume(RedisUnavailableException.class, (ex) -> {
				logger.debug("Session of socket " + session.sid() + " not kept: " + ex.getMessage());
				return Mono.empty();
			});
	}

	@Override
	public void addAll(String socketId, Set<String> rooms) {
		super.addAll(socketId, rooms);
		sessionChanged(socketId);
	}

	@Override
	public void del(String socketId, String room) {
		super.del(socketId, room);
		sessionChanged(socketId);
	}

	@Override
	public void delAll(String socketId) {
		LiveSessions live = liveSessions();
		PersistedSession session = (live != null) ? this.context.session(socketId) : null;
		super.delAll(socketId);
		if (live != null && session != null) {
			live.ended(session.pid());
		}
	}

	@Override
	public void sessionChanged(String socketId) {
		LiveSessions live = liveSessions();
		if (live != null) {
			live.changed(this.context, socketId);
		}
	}

	/** The records of live sockets, when crash-safe recovery is on and so is connection state recovery. */
	private @Nullable LiveSessions liveSessions() {
		return (this.context.recovery() != null) ? this.cluster.liveSessions() : null;
	}

	/**
	 * Restores a session kept at its disconnection or else, with crash-safe recovery, the record of a socket of
	 * any node: one that died, or one still alive whose client came back here, which is then told to disconnect
	 * its socket so that one id never lives twice (with the other sockets taken meanwhile, in one message). Runs within the node's bound on recoveries at once: a client
	 * past its queue gets a new session.
	 */
	@Override
	public Mono<RestoredSession> restoreSession(String pid, String offset) {
		if (StreamId.parse(offset) == null) {
			return Mono.empty();
		}
		return this.cluster.recoveries().run(() -> restore(pid, offset));
	}

	private Mono<RestoredSession> restore(String pid, String offset) {
		LiveSessions live = liveSessions();
		Mono<JsonNode> record = (live == null) ? Mono.empty()
				: live.claim(pid, this.context.namespace(), (sid) -> this.context.socket(sid) != null)
					.flatMap((claimed) -> {
						if (!claimed.ownerAlive()) {
							return Mono.just(claimed.record());
						}
						String sid = claimed.record().path("sid").asString("");
						return this.staleSockets.disconnect(sid).thenReturn(claimed.record());
					});
		return this.cluster.sessions().restore(this.context.namespace(), this.stream, pid, offset, record);
	}

	@Override
	public Mono<List<ArrayNode>> missedPackets(Set<String> rooms, String offset) {
		return this.cluster.sessions().missedSince(this.context.namespace(), this.stream, offset, rooms);
	}

	@Override
	protected ClusterObserver observer() {
		return this.cluster.observer();
	}

	@Override
	protected void onPublishError(Throwable error) {
		logger.debug("Publishing to Redis failed (" + error.getMessage() + ")");
	}

}
