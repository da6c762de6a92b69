package io.github.springsocketio.adapter.redis;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disconnecting the old sockets of recovered clients: the sockets asked for while a message is being published all
 * go in the next one, and each caller learns how the message naming its socket went.
 */
class BatchedDisconnectsTests {

	private final List<Set<String>> published = new CopyOnWriteArrayList<>();

	private final List<Sinks.Empty<Void>> publishing = new CopyOnWriteArrayList<>();

	private final BatchedDisconnects disconnects = new BatchedDisconnects((sockets) -> {
		this.published.add(Set.copyOf(sockets));
		Sinks.Empty<Void> done = Sinks.empty();
		this.publishing.add(done);
		return done.asMono();
	});

	@Test
	void theSocketsAskedForDuringAPublishGoTogetherInTheNextMessage() {
		List<String> done = new CopyOnWriteArrayList<>();
		this.disconnects.disconnect("a").subscribe(null, null, () -> done.add("a"));
		this.disconnects.disconnect("b").subscribe(null, null, () -> done.add("b"));
		this.disconnects.disconnect("c").subscribe(null, null, () -> done.add("c"));
		assertThat(this.published).containsExactly(Set.of("a"));

		this.publishing.get(0).tryEmitEmpty();

		assertThat(done).containsExactly("a");
		assertThat(this.published).containsExactly(Set.of("a"), Set.of("b", "c"));
		this.publishing.get(1).tryEmitEmpty();
		assertThat(done).containsExactly("a", "b", "c");

		this.disconnects.disconnect("d").subscribe();
		assertThat(this.published).as("nothing under way: published at once").hasSize(3).last().isEqualTo(Set.of("d"));
	}

	@Test
	void aFailedPublishFailsItsCallersOnlyAndTheNextOneStillGoesOut() {
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		this.disconnects.disconnect("a").subscribe(null, errors::add);
		Mono<Void> later = this.disconnects.disconnect("b");
		List<String> done = new CopyOnWriteArrayList<>();
		later.subscribe(null, errors::add, () -> done.add("b"));

		this.publishing.get(0).tryEmitError(new IllegalStateException("Redis down"));
		this.publishing.get(1).tryEmitEmpty();

		assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("Redis down");
		assertThat(done).containsExactly("b");
	}

}
