package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.springsocketio.adapter.ClusterPayloads;
import io.github.springsocketio.protocol.MsgPack;
import io.github.springsocketio.server.Payloads;
import io.github.springsocketio.server.PersistedSession;
import io.github.springsocketio.server.RestoredSession;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connection state recovery in Redis, in the Node.js adapter's format: a lost session is the key
 * {@code <prefix><pid>} holding base64 MessagePack {@code {sid, pid, rooms, data}} with a TTL; the events it missed
 * are read back from the stream after the client's offset, in reads shared by the recoveries under way. A session is
 * consumed when restored.
 */
final class RedisSessionStore {

	private final RedisCommands commands;

	private final RedisStreamsAdapterOptions options;

	private final SharedStreamReads reads;

	private final JsonMapper mapper;

	RedisSessionStore(RedisCommands commands, RedisStreamsAdapterOptions options, SharedStreamReads reads,
			JsonMapper mapper) {
		this.commands = commands;
		this.options = options;
		this.reads = reads;
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
	 * Gives back a session kept at its disconnection or, when there is none, the one {@code otherwise} finds, with
	 * the events it missed from a read of the stream shared with the other recoveries under way.
	 * @param otherwise looks for the session elsewhere, e.g. the record kept while its socket lived
	 */
	Mono<RestoredSession> restore(String namespace, String stream, String pid, String offset,
			Mono<JsonNode> otherwise) {
		StreamId from = StreamId.parse(offset);
		if (from == null) {
			return Mono.empty();
		}
		Mono<Optional<JsonNode>> session = this.commands.getAndDelete(this.options.sessionKeyPrefix() + pid)
			.map((bytes) -> MsgPack.decode(Base64.getDecoder().decode(bytes)))
			.switchIfEmpty(otherwise)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		// as the Node.js adapter, the session is taken while the offset is looked up: one-shot even when it is gone
		return Mono.zip(session, this.reads.from(stream, from)).flatMap((found) -> {
			StreamTail tail = found.getT2();
			if (found.getT1().isEmpty() || !tail.contains(from)) {
				return Mono.empty();
			}
			JsonNode decoded = found.getT1().get();
			Set<String> rooms = ClusterPayloads.strings(decoded.get("rooms"));
			return Mono.just(new RestoredSession(decoded.path("sid").asString(""), decoded.path("pid").asString(pid),
					rooms, ClusterPayloads.data(decoded.get("data"), this.mapper), tail.missed(from, namespace, rooms)));
		});
	}

	/**
	 * Reads the stream after an offset for the entries aimed at those rooms, e.g. for a restored socket once it
	 * joined them again.
	 */
	Mono<List<ArrayNode>> missedSince(String namespace, String stream, String offset, Set<String> rooms) {
		StreamId from = StreamId.parse(offset);
		if (from == null) {
			return Mono.just(List.of());
		}
		return this.reads.from(stream, from).map((tail) -> tail.missed(from, namespace, rooms));
	}

}
