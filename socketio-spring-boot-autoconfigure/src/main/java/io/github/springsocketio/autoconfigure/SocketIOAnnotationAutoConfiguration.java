package io.github.springsocketio.autoconfigure;

import java.util.concurrent.Executor;

import io.github.springsocketio.annotation.SocketIOArgumentResolver;
import io.github.springsocketio.annotation.SocketIOEvent;
import io.github.springsocketio.annotation.SocketIOHandlerContext;
import io.github.springsocketio.annotation.SocketIOHandlerMethodProcessor;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Annotated handlers ({@code @SocketIOEvent}, {@code @OnConnect}, ...) on the auto-configured
 * {@link SocketIOServer}, with the executor that runs the blocking ones ({@code socketio.handler-executor.*}). An
 * {@link Executor} bean named {@value #EXECUTOR_BEAN} replaces the executor.
 */
@AutoConfiguration(after = SocketIOAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(SocketIOEvent.class)
@ConditionalOnBean(SocketIOServer.class)
@EnableConfigurationProperties(SocketIOProperties.class)
public final class SocketIOAnnotationAutoConfiguration {

	/** The name of the handler executor bean. */
	public static final String EXECUTOR_BEAN = "socketIoHandlerExecutor";

	@Bean(name = EXECUTOR_BEAN)
	@ConditionalOnMissingBean(name = EXECUTOR_BEAN)
	SocketIOHandlerExecutor socketIoHandlerExecutor(SocketIOProperties properties) {
		return SocketIOHandlerExecutor.create(properties.getHandlerExecutor());
	}

	@Bean
	@ConditionalOnMissingBean
	SocketIOHandlerMethodProcessor socketIoHandlerMethodProcessor(SocketIOServer server,
			@Qualifier(EXECUTOR_BEAN) Executor executor, SocketIOProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SocketIOArgumentResolver> argumentResolvers,
			ObjectProvider<SocketIOHandlerContext> handlerContexts) {
		int capacity = properties.getHandlerExecutor().getSocketQueueCapacity();
		if (capacity < 1) {
			throw new InvalidConfigurationPropertyValueException("socketio.handler-executor.socket-queue-capacity",
					capacity, "Let at least 1 event wait.");
		}
		SocketIOHandlerMethodProcessor processor = new SocketIOHandlerMethodProcessor(server, executor, capacity);
		observationRegistry.ifAvailable(processor::setObservationRegistry);
		processor.setArgumentResolvers(argumentResolvers.orderedStream().toList());
		processor.setHandlerContexts(handlerContexts.orderedStream().toList());
		return processor;
	}

}
