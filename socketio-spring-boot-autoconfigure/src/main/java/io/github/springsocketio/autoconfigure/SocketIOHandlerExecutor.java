package io.github.springsocketio.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The executor of annotated handlers, from {@code socketio.handler-executor.*}: virtual threads on Java 21 and later
 * (found at run time: the code is compiled for Java 17), else a bounded pool. Closing it waits for running handlers,
 * up to the shutdown timeout.
 */
final class SocketIOHandlerExecutor implements Executor, AutoCloseable {

	private static final Log logger = LogFactory.getLog(SocketIOHandlerExecutor.class);

	private static final String PREFIX = "socketio.handler-executor.";

	private final ExecutorService executor;

	private final Duration shutdownTimeout;

	private final boolean virtualThreads;

	private SocketIOHandlerExecutor(ExecutorService executor, Duration shutdownTimeout, boolean virtualThreads) {
		this.executor = executor;
		this.shutdownTimeout = shutdownTimeout;
		this.virtualThreads = virtualThreads;
	}

	static SocketIOHandlerExecutor create(SocketIOProperties.HandlerExecutor properties) {
		return create(properties, Runtime.version().feature());
	}

	static SocketIOHandlerExecutor create(SocketIOProperties.HandlerExecutor properties, int javaVersion) {
		if (properties.getPoolSize() < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "pool-size", properties.getPoolSize(),
					"Use at least 1 thread.");
		}
		if (properties.getSocketQueueCapacity() < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "socket-queue-capacity",
					properties.getSocketQueueCapacity(), "Let at least 1 event wait.");
		}
		Duration shutdownTimeout = properties.getShutdownTimeout();
		if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "shutdown-timeout", shutdownTimeout,
					"The duration cannot be negative.");
		}
		boolean virtual = switch (properties.getType()) {
			case AUTO -> javaVersion >= 21;
			case POOL -> false;
			case VIRTUAL_THREADS -> {
				if (javaVersion < 21) {
					throw new InvalidConfigurationPropertyValueException(PREFIX + "type", properties.getType().toString(),
							"Virtual threads need Java 21 or later; this is Java " + javaVersion
									+ ". Use auto (a bounded pool before Java 21) or pool.");
				}
				yield true;
			}
		};
		String prefix = properties.getThreadNamePrefix();
		ExecutorService executor = virtual ? virtualThreads(prefix) : pool(prefix, properties.getPoolSize());
		return new SocketIOHandlerExecutor(executor, shutdownTimeout, virtual);
	}

	private static ExecutorService pool(String prefix, int size) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				new CustomizableThreadFactory(prefix));
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/** {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 0).factory())}, by reflection. */
	private static ExecutorService virtualThreads(String prefix) {
		try {
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
			ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
			Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
			return (ExecutorService) perTask.invoke(null, factory);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Virtual threads are not available on this JVM", ex);
		}
	}

	/** @return whether handlers run on virtual threads */
	boolean virtualThreads() {
		return this.virtualThreads;
	}

	@Override
	public void execute(Runnable command) {
		this.executor.execute(command);
	}

	@Override
	public void close() {
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Socket.IO handlers still running after " + this.shutdownTimeout + "; interrupting them");
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "SocketIOHandlerExecutor[" + (this.virtualThreads ? "virtual threads" : "pool") + "]";
	}

}
