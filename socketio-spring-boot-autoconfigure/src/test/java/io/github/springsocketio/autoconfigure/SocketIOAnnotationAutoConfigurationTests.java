package io.github.springsocketio.autoconfigure;

import java.util.concurrent.Executor;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.annotation.SocketIOHandlerMethodProcessor;
import io.github.springsocketio.server.SocketIOServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Annotated handlers and their executor, on the auto-configured server.
 */
class SocketIOAnnotationAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIOAutoConfiguration.class,
				SocketIOAnnotationAutoConfiguration.class));

	@Test
	void shouldCreateTheHandlerProcessorAndItsExecutor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SocketIOHandlerMethodProcessor.class);
			assertThat(context.getBean(SocketIOAnnotationAutoConfiguration.EXECUTOR_BEAN))
				.isInstanceOf(SocketIOHandlerExecutor.class);
		});
	}

	@Test
	void shouldUseVirtualThreadsOnlyFromJava21ByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SocketIOHandlerExecutor.class).virtualThreads())
			.isEqualTo(Runtime.version().feature() >= 21));
	}

	@Test
	void shouldUseABoundedPoolWhenAskedTo() {
		this.contextRunner.withPropertyValues("socketio.handler-executor.type=pool")
			.run((context) -> assertThat(context.getBean(SocketIOHandlerExecutor.class).virtualThreads()).isFalse());
	}

	@Test
	void shouldNotCreateAnythingWithoutASocketIOServer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIOAutoConfiguration.class,
					SocketIOAnnotationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOHandlerMethodProcessor.class)
				.doesNotHaveBean(SocketIOHandlerExecutor.class));
		this.contextRunner.withPropertyValues("socketio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOHandlerMethodProcessor.class));
	}

	@Test
	void shouldLetTheUsersExecutorAndProcessorWin() {
		Executor mine = Runnable::run;
		this.contextRunner.withBean(SocketIOAnnotationAutoConfiguration.EXECUTOR_BEAN, Executor.class, () -> mine)
			.run((context) -> {
				assertThat(context.getBean(SocketIOAnnotationAutoConfiguration.EXECUTOR_BEAN)).isSameAs(mine);
				assertThat(context).doesNotHaveBean(SocketIOHandlerExecutor.class)
					.hasSingleBean(SocketIOHandlerMethodProcessor.class);
			});
		this.contextRunner
			.withBean("myProcessor", SocketIOHandlerMethodProcessor.class,
					() -> new SocketIOHandlerMethodProcessor(
							SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build(), Runnable::run, 1))
			.run((context) -> assertThat(context).getBeanNames(SocketIOHandlerMethodProcessor.class)
				.containsExactly("myProcessor"));
	}

	@Test
	void shouldRefuseImpossibleExecutorSettingsNamingTheProperty() {
		assertRefused("socketio.handler-executor.pool-size=0", "socketio.handler-executor.pool-size");
		assertRefused("socketio.handler-executor.socket-queue-capacity=0",
				"socketio.handler-executor.socket-queue-capacity");
		assertRefused("socketio.handler-executor.shutdown-timeout=-1s", "socketio.handler-executor.shutdown-timeout");
	}

	private void assertRefused(String property, String name) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(name));
	}

}
