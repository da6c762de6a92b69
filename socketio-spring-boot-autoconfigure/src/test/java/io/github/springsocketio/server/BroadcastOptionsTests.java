package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Targeting is immutable and adds up: {@code to} and {@code except} add rooms to those already there, flags are
 * replaced as a whole.
 */
class BroadcastOptionsTests {

	@Test
	void targetedAndExcludedRoomsAddUp() {
		BroadcastOptions options = BroadcastOptions.ALL.to("room1").to("room2", "room1").except("room3").except("room4");

		assertThat(options.rooms()).containsExactlyInAnyOrder("room1", "room2");
		assertThat(options.except()).containsExactlyInAnyOrder("room3", "room4");
		assertThat(options.flags()).isEqualTo(BroadcastFlags.NONE);
	}

	@Test
	void eachStepIsANewValue() {
		BroadcastOptions room1 = BroadcastOptions.ALL.to("room1");

		room1.except("room2");

		assertThat(BroadcastOptions.ALL.rooms()).isEmpty();
		assertThat(room1.except()).isEmpty();
	}

	@Test
	void flagsAreReplacedAndTheRoomsKept() {
		BroadcastFlags flags = BroadcastFlags.NONE.withVolatile().withTimeout(Duration.ofSeconds(1));

		BroadcastOptions options = BroadcastOptions.ALL.to("room1").withFlags(flags);

		assertThat(options).isEqualTo(new BroadcastOptions(Set.of("room1"), Set.of(), flags));
	}

}
