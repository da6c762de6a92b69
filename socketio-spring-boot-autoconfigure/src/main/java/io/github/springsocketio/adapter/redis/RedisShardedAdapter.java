package io.github.springsocketio.adapter.redis;

import java.util.HashSet;
import java.util.Set;

import io.github.springsocketio.adapter.ClusterAdapter;
import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterObserver;
import io.github.springsocketio.server.AdapterContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The sharded Redis PUB/SUB transport of one namespace, as {@code @socket.io/redis-adapter} 8's
 * {@code createShardedAdapter} does it: every message is an envelope {@code {type, data, uid, nsp}} (JSON, or
 * MessagePack when it holds binary) published with {@code SPUBLISH} on the namespace's channel, on a room's channel
 * for a broadcast to that one room when the {@link ShardedSubscriptionMode} gives it one, and on the requester's
 * channel for responses. In the dynamic modes the node subscribes to a room's channel while it has members of the
 * room, so it only receives the room broadcasts it delivers. The server count is the namespace channel's
 * {@code PUBSUB SHARDNUMSUB}.
 */
final class RedisShardedAdapter extends ClusterAdapter {

	private static final Log logger = LogFactory.getLog(RedisShardedAdapter.class);

	private final RedisShardedAdapterFactory cluster;

	private final ShardedSubscriptionMode mode;

	private final String channel;

	private final String responseChannel;

	/** The rooms whose channel this adapter subscribes to, changed with the rooms themselves under its lock. */
	private final Set<String> subscribedRooms = new HashSet<>();

	RedisShardedAdapter(AdapterContext context, RedisShardedAdapterFactory cluster) {
		super(context, cluster.options().requestTimeout());
		this.cluster = cluster;
		this.mode = cluster.options().subscriptionMode();
		this.channel = cluster.channel(context.namespace(), null);
		this.responseChannel = cluster.channel(context.namespace(), this.uid);
	}

	@Override
	public void init() {
		super.init();
		// the namespace's channel exactly once per node: the Node.js nodes count servers by its subscribers
		this.cluster.subscriber().subscribe(this.channel, this::onRawMessage);
		this.cluster.subscriber().subscribe(this.responseChannel, this::onRawMessage);
	}

	@Override
	public void close() {
		this.cluster.subscriber().unsubscribe(this.channel);
		this.cluster.subscriber().unsubscribe(this.responseChannel);
		synchronized (this.subscribedRooms) {
			this.subscribedRooms.forEach((room) -> this.cluster.subscriber().unsubscribe(roomChannel(room)));
			this.subscribedRooms.clear();
		}
		super.close();
	}

	private void onRawMessage(String channel, byte[] body) {
		ClusterMessage message;
		try {
			message = this.cluster.codec().fromJsonOrEnvelope(body);
		}
		catch (RuntimeException ex) {
			logger.debug("Skipping an undecodable message on " + channel, ex);
			return;
		}
		if (message != null) {
			onMessage(message, null);
		}
	}

	@Override
	protected Mono<String> doPublish(ClusterMessage message) {
		return this.cluster.commands()
			.publish(channelOf(message), this.cluster.codec().toJsonUnlessBinary(message))
			.then(Mono.empty());
	}

	/**
	 * As Node.js: a broadcast to one room without acknowledgements goes to the room's channel when the mode gives
	 * it one; everything else to the namespace's (a broadcast with acknowledgements must reach every node counted).
	 */
	private String channelOf(ClusterMessage message) {
		if (message.type() != ClusterMessageType.BROADCAST || message.requestId() != null) {
			return this.channel;
		}
		JsonNode opts = message.get("opts");
		JsonNode rooms = (opts != null) ? opts.get("rooms") : null;
		if (rooms != null && rooms.size() == 1 && rooms.get(0).isString()
				&& this.mode.publishesToRoomChannel(rooms.get(0).stringValue())) {
			return roomChannel(rooms.get(0).stringValue());
		}
		return this.channel;
	}

	@Override
	protected Mono<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
		return this.cluster.commands()
			.publish(this.cluster.channel(this.context.namespace(), requesterUid),
					this.cluster.codec().toJsonUnlessBinary(response))
			.then();
	}

	/** As the Node.js adapter: the subscribers of the namespace's channel, at least this node. */
	@Override
	public Mono<Integer> serverCount() {
		return this.cluster.commands()
			.subscriberCount(this.channel)
			.map((count) -> (int) Math.max(count, 1))
			.onErrorReturn(1);
	}

	// Room channels: subscribed while the room has local members, in the dynamic modes

	@Override
	public void addAll(String socketId, Set<String> rooms) {
		if (this.mode == ShardedSubscriptionMode.STATIC) {
			super.addAll(socketId, rooms);
			return;
		}
		synchronized (this.subscribedRooms) {
			super.addAll(socketId, rooms);
			rooms.forEach(this::updateRoomChannel);
		}
	}

	@Override
	public void del(String socketId, String room) {
		if (this.mode == ShardedSubscriptionMode.STATIC) {
			super.del(socketId, room);
			return;
		}
		synchronized (this.subscribedRooms) {
			super.del(socketId, room);
			updateRoomChannel(room);
		}
	}

	@Override
	public void delAll(String socketId) {
		if (this.mode == ShardedSubscriptionMode.STATIC) {
			super.delAll(socketId);
			return;
		}
		synchronized (this.subscribedRooms) {
			Set<String> rooms = socketRooms(socketId);
			super.delAll(socketId);
			rooms.forEach(this::updateRoomChannel);
		}
	}

	/**
	 * Subscribes to a room's channel when the room got its first local member, unsubscribes when it lost its last.
	 * A room named after a local socket is private, as Node.js tells them apart.
	 */
	private void updateRoomChannel(String room) {
		boolean wanted = roomSize(room) > 0 && this.mode.subscribesTo(!socketRooms(room).isEmpty());
		if (wanted && this.subscribedRooms.add(room)) {
			this.cluster.subscriber().subscribe(roomChannel(room), this::onRawMessage);
		}
		else if (!wanted && this.subscribedRooms.remove(room)) {
			this.cluster.subscriber().unsubscribe(roomChannel(room));
		}
	}

	private String roomChannel(String room) {
		return this.cluster.channel(this.context.namespace(), room);
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
