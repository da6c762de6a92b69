package io.github.springsocketio.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.admin.AdminUi;
import io.github.springsocketio.server.SocketIOServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The starter without a Redis client (no Spring Data Redis, no Lettuce): the in-memory adapter serves, and asking for
 * the Redis Streams adapter stops the start, saying what to add. The Admin UI keeps its sessions in memory, and asking
 * for them in Redis stops the start too.
 */
class MinimalClasspathWithoutRedisTests extends MinimalClasspathTests {

	@Override
	protected List<String> absentClasses() {
		return List.of("org.springframework.data.redis.connection.ReactiveRedisConnectionFactory",
				"io.lettuce.core.RedisClient");
	}

	@Test
	void theInMemoryAdapterCarriesABroadcast() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			CompletableFuture<Object> shouted = new CompletableFuture<>();

			Object[] answer = emitWithAck(context, "shout", (socket) -> socket.once("shouted",
					(args) -> shouted.complete(args[0])), "hello");

			assertThat(answer).containsExactly(true);
			assertThat(shouted.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("hello");
			assertThat(context.getBean(SocketIOServer.class).defaultNamespace().adapter())
				.isInstanceOf(InMemoryAdapter.class);
		}
	}

	@Test
	void askingForRedisStreamsStopsTheStartSayingWhatToAdd(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("socketio.adapter.type=redis-streams").close())
			.havingRootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.withMessageContaining("socketio.adapter.type");
		assertThat(output).contains("APPLICATION FAILED TO START", "socketio.adapter.type",
				"add spring-boot-data-redis and org.msgpack:msgpack-core");
	}

	@Test
	void theAdminUiStartsWithItsSessionsInMemory() {
		try (ConfigurableApplicationContext context = start("socketio.admin-ui.enabled=true",
				"socketio.admin-ui.authentication=false")) {
			assertThat(context.getBean(AdminUi.class).options().sessionStore()).isNull();
		}
	}

	@Test
	void askingForAdminSessionsInRedisStopsTheStartSayingWhatToAdd() {
		assertThatException()
			.isThrownBy(() -> start("socketio.admin-ui.enabled=true", "socketio.admin-ui.authentication=false",
					"socketio.admin-ui.store=redis")
				.close())
			.havingRootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.withMessageContaining("socketio.admin-ui.store")
			.withMessageContaining("Spring Data Redis");
	}

}
