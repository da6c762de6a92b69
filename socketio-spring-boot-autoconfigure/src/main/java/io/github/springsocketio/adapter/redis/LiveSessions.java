package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.github.springsocketio.protocol.MsgPack;
import io.github.springsocketio.server.AdapterContext;
import io.github.springsocketio.server.PersistedSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps in Redis, while this node lives, what connection state recovery needs of each of its sockets, so that a
 * client of a node that died without closing its sockets can still recover on another node.
 *
 * <p>One hash per node, {@code <sessionKeyPrefix>live:<node>}, holds one field per socket: its private id, then the
 * MessagePack record {@code {sid, pid, rooms, data, nsp}}. Changes are coalesced per socket over a short window and
 * written with one {@code HSET} (and one {@code HDEL} for the sockets that left). The node renews, every renewal
 * interval, the hash's expiry ({@code maxDisconnectionDuration} plus two intervals), its liveness key
 * {@code <sessionKeyPrefix>alive:<node>} and its score in {@code <sessionKeyPrefix>live-nodes}: a cost that follows the
 * changes and the number of nodes, not the number of sockets. When the node dies, its hash expires
 * {@code maxDisconnectionDuration} after the last renewal. Node.js nodes never read these keys.
 */
final class LiveSessions {

	private static final Log logger = LogFactory.getLog(LiveSessions.class);

	/** How long changes are gathered before they are written: a join storm costs one write per socket. */
	static final Duration BATCH_WINDOW = Duration.ofMillis(20);

	/** How often the node renews its keys, by default. */
	static final Duration DEFAULT_RENEWAL = Duration.ofSeconds(5);

	private final RedisCommands commands;

	private final String prefix;

	private final JsonMapper mapper;

	private final Duration renewal;

	private final String node = UUID.randomUUID().toString();

	private final Map<String, Changed> changed = new ConcurrentHashMap<>();

	private final Set<String> ended = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final Sinks.Many<Boolean> ticks = Sinks.many().unicast().onBackpressureBuffer();

	private final Disposable writer;

	private volatile @Nullable Duration maxDisconnection;

	private @Nullable Disposable renewing;

	LiveSessions(RedisCommands commands, String sessionKeyPrefix, JsonMapper mapper, Duration renewal) {
		this.commands = commands;
		this.prefix = sessionKeyPrefix;
		this.mapper = mapper;
		this.renewal = renewal;
		// one write at a time, so a socket's record and its removal reach Redis in the order they happened
		this.writer = this.ticks.asFlux()
			.concatMap((tick) -> Mono.delay(BATCH_WINDOW).then(Mono.defer(this::write)).onErrorResume((ex) -> {
				logger.debug("Could not keep the recovery state of live sockets: " + ex.getMessage());
				return Mono.empty();
			}))
			.subscribe();
	}

	/** @return this node's id in the keys */
	String node() {
		return this.node;
	}

	String hash(String node) {
		return this.prefix + "live:" + node;
	}

	String aliveKey(String node) {
		return this.prefix + "alive:" + node;
	}

	String nodes() {
		return this.prefix + "live-nodes";
	}

	/** Starts renewing this node's keys, once, for the recovery window of its namespaces. */
	synchronized void start(Duration maxDisconnectionDuration) {
		Duration current = this.maxDisconnection;
		if (current == null || maxDisconnectionDuration.compareTo(current) > 0) {
			this.maxDisconnection = maxDisconnectionDuration;
		}
		if (this.renewing == null) {
			this.renewing = Flux.interval(Duration.ZERO, this.renewal)
				.onBackpressureDrop()
				.concatMap((tick) -> renew().onErrorResume((ex) -> Mono.empty()))
				.subscribe();
		}
	}

	private Duration recordTtl() {
		Duration window = this.maxDisconnection;
		return ((window != null) ? window : Duration.ZERO).plus(this.renewal.multipliedBy(2));
	}

	/** Renews the liveness key, the expiry of the hash, and the node's score in the set of nodes. */
	Mono<Void> renew() {
		long now = System.currentTimeMillis();
		Duration ttl = recordTtl();
		return Mono.whenDelayError(
				this.commands.setWithTtl(aliveKey(this.node), new byte[] { '1' }, this.renewal.multipliedBy(3)),
				this.commands.expire(hash(this.node), ttl),
				this.commands.scoreAndTrim(nodes(), this.node, now, now - ttl.toMillis()));
	}

	/** A socket's rooms or data changed: its record is written at the end of the window. */
	void changed(AdapterContext context, String socketId) {
		this.changed.put(context.namespace() + " " + socketId, new Changed(context, socketId));
		schedule();
	}

	/** A socket left this node: its record is removed at the end of the window. */
	void ended(String pid) {
		this.ended.add(pid);
		schedule();
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			this.ticks.emitNext(Boolean.TRUE, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
		}
	}

	/** Writes what changed since the last write: one {@code HSET}, then one {@code HDEL}. */
	Mono<Void> write() {
		this.scheduled.set(false);
		Map<String, byte[]> records = new LinkedHashMap<>();
		for (String key : List.copyOf(this.changed.keySet())) {
			Changed change = this.changed.remove(key);
			PersistedSession session = (change != null) ? change.context.session(change.socketId) : null;
			if (session != null) {
				records.put(session.pid(), MsgPack.encode(record(session, change.context.namespace())));
			}
		}
		List<String> gone = new ArrayList<>();
		for (String pid : List.copyOf(this.ended)) {
			if (this.ended.remove(pid)) {
				gone.add(pid);
			}
		}
		Mono<Void> put = records.isEmpty() ? Mono.empty() : this.commands.putAll(hash(this.node), records, recordTtl());
		Mono<Void> remove = gone.isEmpty() ? Mono.empty() : this.commands.removeFields(hash(this.node), gone).then();
		return put.then(remove);
	}

	private ObjectNode record(PersistedSession session, String namespace) {
		ObjectNode value = RedisSessionStore.value(session, this.mapper);
		value.put("nsp", namespace);
		return value;
	}

	/**
	 * Takes the record of a socket of any node, so that its client recovers here. The record is removed: a session
	 * is recovered once.
	 * @param pid the private id the client presented
	 * @param namespace the namespace it reconnects to
	 * @param stillHere whether a socket id is still connected to this node: its record is then left alone
	 * @return the record and whether its node is alive, or empty when no node keeps it
	 */
	Mono<Claimed> claim(String pid, String namespace, Predicate<String> stillHere) {
		return this.commands.members(nodes())
			.flatMapMany(Flux::fromIterable)
			.flatMap((owner) -> this.commands.field(hash(owner), pid).map((bytes) -> new Found(owner, bytes)))
			.next()
			.flatMap((found) -> {
				JsonNode record = MsgPack.decode(found.bytes);
				String sid = record.path("sid").asString("");
				if (!namespace.equals(record.path("nsp").asString(null))
						|| (found.owner.equals(this.node) && stillHere.test(sid))) {
					return Mono.empty();
				}
				return this.commands.removeFields(hash(found.owner), List.of(pid))
					.filter((removed) -> removed > 0)
					.flatMap((removed) -> this.commands.exists(aliveKey(found.owner)))
					.map((alive) -> new Claimed(record, found.owner, alive && !found.owner.equals(this.node)));
			});
	}

	/**
	 * Stops renewing and removes this node's keys: its sockets were closed (and their sessions kept) before. The
	 * changes still gathered are written first, so that nothing written late lands after the removal.
	 */
	synchronized void stop(Duration timeout) {
		this.writer.dispose();
		if (this.renewing == null) {
			return;
		}
		this.renewing.dispose();
		try {
			Mono.defer(this::write)
				.onErrorResume((ex) -> Mono.empty())
				.then(Mono.whenDelayError(this.commands.delete(hash(this.node)),
						this.commands.delete(aliveKey(this.node)), this.commands.removeMember(nodes(), this.node)))
				.block(timeout);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not remove the recovery keys of this node: " + ex.getMessage());
		}
	}

	/**
	 * A record taken for recovery.
	 * @param record {@code {sid, pid, rooms, data, nsp}}
	 * @param owner the node that kept it
	 * @param ownerAlive whether that node, another one, is alive: its socket must then be disconnected
	 */
	record Claimed(JsonNode record, String owner, boolean ownerAlive) {
	}

	private record Found(String owner, byte[] bytes) {
	}

	private record Changed(AdapterContext context, String socketId) {
	}

}
