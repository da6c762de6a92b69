package io.github.springsocketio.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The handler executor picks virtual threads or a bounded pool by the Java version it runs on.
 */
class SocketIOHandlerExecutorTests {

	@Test
	void autoUsesABoundedPoolBeforeJava21() throws Exception {
		try (SocketIOHandlerExecutor executor = SocketIOHandlerExecutor.create(new SocketIOProperties.HandlerExecutor(),
				17)) {
			assertThat(executor.virtualThreads()).isFalse();
			assertThat(threadName(executor)).startsWith("socketio-handler-");
		}
	}

	@Test
	void virtualThreadsBeforeJava21AreRefusedWithTheFix() {
		SocketIOProperties.HandlerExecutor properties = new SocketIOProperties.HandlerExecutor();
		properties.setType(SocketIOProperties.ExecutorType.VIRTUAL_THREADS);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> SocketIOHandlerExecutor.create(properties, 17))
			.withMessageContaining("socketio.handler-executor.type with value 'virtual-threads'")
			.withMessageContaining("Virtual threads need Java 21 or later; this is Java 17. Use auto");
	}

	@Test
	void autoUsesVirtualThreadsFromJava21WhenTheJvmHasThem() throws Exception {
		int java = Runtime.version().feature();
		try (SocketIOHandlerExecutor executor = SocketIOHandlerExecutor.create(new SocketIOProperties.HandlerExecutor(),
				java)) {
			assertThat(executor.virtualThreads()).isEqualTo(java >= 21);
			assertThat(threadName(executor)).startsWith("socketio-handler-");
		}
	}

	private static String threadName(SocketIOHandlerExecutor executor) throws Exception {
		CompletableFuture<String> name = new CompletableFuture<>();
		executor.execute(() -> name.complete(Thread.currentThread().getName()));
		return name.get(5, TimeUnit.SECONDS);
	}

}
