package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsocketio.testing.Resources;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The emitter checks what it is given when called, but adds nothing to the cluster's stream until its {@code Mono} is
 * subscribed, and adds it again on each subscription. Server-side events go over PUB/SUB, as the adapter's requests,
 * and reach the handlers of Java and Node.js nodes.
 */
class RedisStreamsEmitterTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	final Resources resources = new Resources();

	private final TestRedis redis = TestRedis.shared();

	private final RedisStreamsAdapterOptions options = TestRedis.options().build();

	private final RedisStreamsEmitter emitter = emitter();

	private RedisStreamsEmitter emitter() {
		LettuceConnectionFactory factory = this.redis.connectionFactory();
		this.resources.add(factory::destroy);
		RedisStreamsEmitter emitter = new RedisStreamsEmitter(factory, this.options, JsonMapper.builder().build());
		this.resources.add(emitter::close);
		return emitter;
	}

	@Test
	void anOperationPublishesWhenSubscribedAndAgainOnEachSubscription() {
		Mono<Void> emit = this.emitter.to("room1").emit("announcement", "maintenance at noon");
		Mono<Void> join = this.emitter.in("room1").socketsJoin("room2");
		assertThat(streamLength()).as("before subscribing").isZero();

		emit.block(TIMEOUT);
		assertThat(streamLength()).isOne();
		emit.block(TIMEOUT);
		join.block(TIMEOUT);

		assertThat(streamLength()).isEqualTo(3);
	}

	@Test
	void aReservedEventNameIsRefusedWhenCalled() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.emitter.emit("connect"));
	}

	@Test
	void serverSideEventsReachTheHandlersOfJavaAndNodeJsNodes() {
		ClusterNode java = this.resources.add(ClusterNode.start("java", this.redis, this.options));
		NodePeer node = this.resources.add(NodePeer.start());
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("redisUrl", this.redis.url());
		server.put("streamName", this.options.streamName());
		server.put("channelPrefix", this.options.channelPrefix());
		server.put("node", "node");
		node.call("startServer", server);
		Awaitility.await("both nodes subscribed").atMost(TIMEOUT)
			.until(() -> java.server().defaultNamespace().adapter().serverCount().block(TIMEOUT) == 2
					&& node.call("serverCount", Map.of()).asInt() == 2);
		List<String> received = new CopyOnWriteArrayList<>();
		java.server().defaultNamespace().onServerSideEmit("hello",
				(args, ack) -> received.add(args.text(0) + ":" + args.node(1) + ":" + ack.requested()));

		this.emitter.serverSideEmit("hello", "from emitter", new byte[] { 1 }).block(TIMEOUT);

		Awaitility.await().atMost(TIMEOUT).until(() -> !received.isEmpty());
		assertThat(received).hasSize(1).allMatch((event) -> event.startsWith("from emitter:") && event.endsWith(":false"));
		Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(node.call("serverSideEvents", Map.of())
			.valueStream()
			.map(JsonNode::toString)).containsExactly("{\"event\":\"hello\",\"args\":[\"from emitter\",{\"$bin\":\"AQ==\"}]}"));
		assertThat(streamLength()).as("server-side events do not go to the stream").isZero();
	}

	private long streamLength() {
		return this.redis.commands((commands) -> commands.xlen(this.options.streamFor("/")));
	}

}
