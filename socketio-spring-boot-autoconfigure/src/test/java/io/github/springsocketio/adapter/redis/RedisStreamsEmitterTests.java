package io.github.springsocketio.adapter.redis;

import java.time.Duration;

import io.github.springsocketio.testing.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The emitter checks what it is given when called, but adds nothing to the cluster's stream until its {@code Mono} is
 * subscribed, and adds it again on each subscription.
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

	private long streamLength() {
		return this.redis.commands((commands) -> commands.xlen(this.options.streamFor("/")));
	}

}
