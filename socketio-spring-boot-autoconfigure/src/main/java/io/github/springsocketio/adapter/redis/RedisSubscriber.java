package io.github.springsocketio.adapter.redis;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.data.redis.listener.Topic;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

/**
 * The node's one PUB/SUB connection, shared by every subscription of an adapter factory: it is opened by the first
 * subscription that finds Redis, and a subscription that cannot reach Redis (at start-up too) or that failed tries
 * again with a back-off until disposed.
 */
final class RedisSubscriber {

	private static final Log logger = LogFactory.getLog(RedisSubscriber.class);

	private static final Duration MIN_RETRY = Duration.ofMillis(100);

	private static final Duration MAX_RETRY = Duration.ofSeconds(2);

	private static final SerializationPair<ByteBuffer> RAW = SerializationPair.byteBuffer();

	private final ReactiveRedisConnectionFactory connectionFactory;

	private volatile @Nullable ReactiveRedisMessageListenerContainer container;

	RedisSubscriber(ReactiveRedisConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	/**
	 * Subscribes to channels and patterns until disposed.
	 * @param topics the channels and patterns
	 * @param listener called with the channel and the body of each message
	 * @return what ends the subscription
	 */
	Disposable subscribe(List<? extends Topic> topics, MessageListener listener) {
		return container().flatMapMany((container) -> container.receive(List.copyOf(topics), RAW, RAW))
			.doOnError((error) -> logger.debug("PUB/SUB subscription to " + topics + " failed; subscribing again",
					error))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, MIN_RETRY).maxBackoff(MAX_RETRY))
			.subscribe((message) -> listener.onMessage(RedisCommands.text(message.getChannel()),
					RedisCommands.bytes(message.getMessage())),
					(error) -> logger.warn("PUB/SUB subscription to " + topics + " ended", error));
	}

	/** The container, created at the first subscription that finds Redis: it connects when created. */
	private Mono<ReactiveRedisMessageListenerContainer> container() {
		return Mono.defer(() -> {
			ReactiveRedisMessageListenerContainer current = this.container;
			return (current != null) ? Mono.just(current)
					: Mono.fromCallable(this::createContainer).subscribeOn(Schedulers.boundedElastic());
		});
	}

	private synchronized ReactiveRedisMessageListenerContainer createContainer() {
		ReactiveRedisMessageListenerContainer current = this.container;
		if (current == null) {
			current = new ReactiveRedisMessageListenerContainer(this.connectionFactory);
			this.container = current;
		}
		return current;
	}

	/** Ends every subscription and closes the connection, without waiting. */
	void close() {
		ReactiveRedisMessageListenerContainer current = this.container;
		if (current != null) {
			current.destroyLater().subscribe(null, (ignored) -> {
			});
		}
	}

	/** Receives the messages of a subscription. */
	@FunctionalInterface
	interface MessageListener {

		/**
		 * @param channel the channel the message was published on
		 * @param body the message
		 */
		void onMessage(String channel, byte[] body);

	}

}
