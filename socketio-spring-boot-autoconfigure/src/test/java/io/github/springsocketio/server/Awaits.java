package io.github.springsocketio.server;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.fail;

/** Bounded waits for asynchronous results. */
final class Awaits {

	static final Duration TIMEOUT = TestClient.TIMEOUT;

	private Awaits() {
	}

	/** @return the result, failing the test if it does not come within {@link #TIMEOUT} or fails */
	static <T> T result(CompletableFuture<T> future) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return fail("no result within %s", TIMEOUT);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("failed instead of giving a result", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static <T> T result(Mono<T> mono) {
		return result(mono.toFuture());
	}

	/** @return how the future failed, failing the test if it succeeds or does not end within {@link #TIMEOUT} */
	static Throwable failure(CompletableFuture<?> future) {
		try {
			Object value = future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return fail("expected a failure but got %s", value);
		}
		catch (TimeoutException ex) {
			return fail("no failure within %s", TIMEOUT);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static Throwable failure(Mono<?> mono) {
		return failure(mono.toFuture());
	}

}
