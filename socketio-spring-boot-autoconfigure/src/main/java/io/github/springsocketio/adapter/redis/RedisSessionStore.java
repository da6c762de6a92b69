package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.springsocketio.adapter.ClusterMessage;
import io.github.springsocketio.adapter.ClusterMessageCodec;
import io.github.springsocketio.adapter.ClusterMessageType;
import io.github.springsocketio.adapter.ClusterPayloads;
import io.github.springsocketio.protocol.MsgPack;
import io.github.springsocketio.server.Payloads;
import io.github.springsocketio.server.PersistedSession;
import io.github.springsocketio.server.RestoredSession;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.connection.stream.ByteBufferRecord;

/**
 * Connection state recovery in Redis, in the Node.js adapter's format: a lost session is the key
 * {@code <prefix><pid>} holding base64 MessagePack {@code {sid, pid, rooms, data}} with a TTL; the events it missed
 * are read back from the stream after the client's offset. A session is consumed when restored.
 */
final class RedisSessionStore {

	private static final Pattern OFFSET = Pattern.compile("^[0-9]+-[0-9]+$");

	/** As the Node.js adapter: the stream is read forward at most this many times per restore. */
	private static final int MAX_READS = 100;

	private final RedisCommands commands;

	private final RedisStreamsAdapterOptions options;

	private final ClusterMessageCodec codec;

	private final JsonMapper mapper;

	RedisSessionStore(RedisCommands commands, RedisStreamsAdapterOptions options, ClusterMessageCodec codec,
			JsonMapper mapper) {
		this.commands = commands;
		this.options = options;
		this.codec = codec;
		this.mapper = mapper;
	}

	Mono<Void> persist(PersistedSession session, Duration ttl) {
		byte[] encoded = Base64.getEncoder().encode(MsgPack.encode(value(session, this.mapper)));
		return this.commands.setWithTtl(this.options.sessionKeyPrefix() + session.pid(), encoded, ttl).then();
	}

	/** A session as the Node.js adapter keeps it: {@code {sid, pid, rooms, data}}, in that order. */
	static ObjectNode value(PersistedSession session, JsonMapper mapper) {
		ObjectNode value = JsonNodeFactory.instance.objectNode();
		value.put("sid", session.sid());
		value.put("pid", session.pid());
		ArrayNode rooms = value.putArray("rooms");
		session.rooms().forEach(rooms::add);
		value.set("data", Payloads.toNode(mapper, session.data()));
		return value;
	}

	Mono<RestoredSession> restore(String namespace, String stream, String pid, String offset) {
		return restore(namespace, stream, pid, offset, Mono.empty());
	}

	/**
	 * Gives back a session kept at its disconnection or, when there is none, the one {@code otherwise} finds.
	 * @param otherwise looks for the session elsewhere, e.g. the record kept while its socket lived
	 */
	Mono<RestoredSession> restore(String namespace, String stream, String pid, String offset,
			Mono<JsonNode> otherwise) {
		if (!OFFSET.matcher(offset).matches()) {
			return Mono.empty();
		}
		Mono<Optional<JsonNode>> session = this.commands.getAndDelete(this.options.sessionKeyPrefix() + pid)
			.map((bytes) -> MsgPack.decode(Base64.getDecoder().decode(bytes)))
			.switchIfEmpty(otherwise)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		Mono<Boolean> offsetKnown = this.commands.range(stream, offset, offset, 1).hasElements();
		return Mono.zip(session, offsetKnown).flatMap((found) -> {
			if (found.getT1().isEmpty() || !found.getT2()) {
				return Mono.empty();
			}
			JsonNode decoded = found.getT1().get();
			Set<String> rooms = ClusterPayloads.strings(decoded.get("rooms"));
			List<ArrayNode> missed = new ArrayList<>();
			return readMissed(namespace, stream, next(offset), rooms, missed, 0)
				.then(Mono.fromSupplier(() -> new RestoredSession(decoded.path("sid").asString(""),
						decoded.path("pid").asString(pid), rooms, ClusterPayloads.data(decoded.get("data"), this.mapper), missed)));
		});
	}

	/**
	 * Reads the stream after an offset for the entries aimed at those rooms, e.g. for a restored socket once it
	 * joined them again.
	 */
	Mono<List<ArrayNode>> missedSince(String namespace, String stream, String offset, Set<String> rooms) {
		if (!OFFSET.matcher(offset).matches()) {
			return Mono.just(List.of());
		}
		List<ArrayNode> missed = new ArrayList<>();
		return readMissed(namespace, stream, next(offset), rooms, missed, 0).then(Mono.fromSupplier(() -> missed));
	}

	private Mono<Void> readMissed(String namespace, String stream, String from, Set<String> rooms,
			List<ArrayNode> missed, int reads) {
		if (reads >= MAX_READS) {
			return Mono.empty();
		}
		return this.commands.range(stream, from, null, 0).collectList().flatMap((records) -> {
			if (records.isEmpty()) {
				return Mono.empty();
			}
			for (ByteBufferRecord record : records) {
				ArrayNode packet = missedPacket(namespace, record, rooms);
				if (packet != null) {
					missed.add(packet);
				}
			}
			String last = records.get(records.size() - 1).getId().getValue();
			return readMissed(namespace, stream, next(last), rooms, missed, reads + 1);
		});
	}

	/**
	 * The data of an entry the session missed, its offset appended: a broadcast in this namespace, without
	 * acknowledgement, not volatile (unlike the Node.js adapter, which replays those too), aimed at one of the
	 * session's rooms and excluding none of them.
	 */
	private @Nullable ArrayNode missedPacket(String namespace, ByteBufferRecord record, Set<String> rooms) {
		ClusterMessage message;
		try {
			message = this.codec.fromStreamFields(StreamReader.fields(record));
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (message == null || !namespace.equals(message.nsp()) || message.type() != ClusterMessageType.BROADCAST
				|| message.requestId() != null) {
			return null;
		}
		JsonNode packet = message.get("packet");
		JsonNode opts = message.get("opts");
		if (packet == null || !(packet.get("data") instanceof ArrayNode data) || packet.has("id") || opts == null
				|| opts.path("flags").path("volatile").asBoolean(false)) {
			return null;
		}
		Set<String> targeted = ClusterPayloads.strings(opts.get("rooms"));
		boolean aimed = targeted.isEmpty() || targeted.stream().anyMatch(rooms::contains);
		boolean excluded = ClusterPayloads.strings(opts.get("except")).stream().anyMatch(rooms::contains);
		if (!aimed || excluded) {
			return null;
		}
		ArrayNode withOffset = data.deepCopy();
		withOffset.add(record.getId().getValue());
		return withOffset;
	}

	/** The smallest id after one: an exclusive range start that works before Redis 6.2. */
	static String next(String id) {
		List<String> parts = RedisCommands.idParts(id);
		return parts.get(0) + "-" + (Long.parseLong(parts.get(1)) + 1);
	}

}
