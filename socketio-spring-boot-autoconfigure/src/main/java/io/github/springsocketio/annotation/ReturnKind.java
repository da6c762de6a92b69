package io.github.springsocketio.annotation;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** How a handler's return value is turned into its acknowledgement. */
enum ReturnKind {

	/** Nothing to wait for: acknowledged without arguments. */
	VOID,

	/** A value, acknowledged at once. */
	VALUE,

	/** A {@code Mono}: acknowledged with its value, or without arguments when it completes empty. */
	MONO,

	/** A {@code CompletionStage}: acknowledged with its result. */
	COMPLETION_STAGE;

	/** @return whether the method runs on the event loop (it promises not to block by returning a promise) */
	boolean reactive() {
		return this == MONO || this == COMPLETION_STAGE;
	}

	/**
	 * @param type the declared return type
	 * @return the kind, or {@code null} when the type is not supported
	 */
	static @Nullable ReturnKind of(Class<?> type) {
		if (type == void.class || type == Void.class) {
			return VOID;
		}
		if (Mono.class.isAssignableFrom(type)) {
			return MONO;
		}
		if (CompletionStage.class.isAssignableFrom(type)) {
			return COMPLETION_STAGE;
		}
		if (Publisher.class.isAssignableFrom(type) || Future.class.isAssignableFrom(type)) {
			return null;
		}
		return VALUE;
	}

}
