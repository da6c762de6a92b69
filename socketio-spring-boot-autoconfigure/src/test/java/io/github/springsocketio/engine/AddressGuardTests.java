package io.github.springsocketio.engine;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-address count of sessions and rate of handshakes, and the memory they take staying bounded.
 */
class AddressGuardTests {

	private static final long SECOND = 1_000_000_000L;

	private long now;

	private AddressGuard guard(AddressLimits.Builder limits) {
		return new AddressGuard(limits.build(), () -> this.now);
	}

	@Test
	void refusesAConnectionPastTheLimitUntilOneIsReleased() {
		AddressGuard guard = guard(AddressLimits.builder().connectionsPerAddress(2));

		AddressGuard.Permit first = guard.admit("192.0.2.1").permit();
		assertThat(guard.admit("192.0.2.1").permit()).isNotNull();
		assertThat(guard.admit("192.0.2.1").refusal()).isEqualTo(AddressLimit.CONNECTIONS_PER_ADDRESS);
		assertThat(guard.admit("192.0.2.2").permit()).as("another address").isNotNull();

		first.release();
		first.release();
		assertThat(guard.open("192.0.2.1")).as("a permit is released once").isEqualTo(1);
		assertThat(guard.admit("192.0.2.1").permit()).isNotNull();
	}

	@Test
	void refusesHandshakesFasterThanTheRateAfterTheBurst() {
		AddressGuard guard = guard(AddressLimits.builder().handshakesPerSecond(2).handshakeBurst(3));

		for (int i = 0; i < 3; i++) {
			guard.admit("192.0.2.1").permit().release();
		}
		assertThat(guard.admit("192.0.2.1").refusal()).isEqualTo(AddressLimit.HANDSHAKES_PER_SECOND_PER_ADDRESS);
		assertThat(guard.admit("192.0.2.2").permit()).as("another address").isNotNull();
		this.now = SECOND / 2;
		assertThat(guard.admit("192.0.2.1").permit()).as("half a second later at 2/s").isNotNull();
	}

	@Test
	void aRefusedHandshakeTakesNoPlace() {
		AddressGuard guard = guard(AddressLimits.builder().connectionsPerAddress(1));
		guard.admit("192.0.2.1");

		for (int i = 0; i < 10; i++) {
			guard.admit("192.0.2.1");
		}

		assertThat(guard.open("192.0.2.1")).isEqualTo(1);
	}

	@Test
	void anAddressWithoutSessionsWhoseBucketIsFullIsForgottenWhenReleased() {
		AddressGuard guard = guard(AddressLimits.builder().connectionsPerAddress(5));

		guard.admit("192.0.2.1").permit().release();

		assertThat(guard.size()).isZero();
	}

	@Test
	void idleAddressesAreForgottenPastTheirCapSoThatMemoryStaysBounded() {
		AddressGuard guard = guard(AddressLimits.builder()
			.handshakesPerSecond(1)
			.handshakeBurst(5)
			.trackedAddresses(100)
			);
		List<AddressGuard.Permit> open = List.of(guard.admit("198.51.100.1").permit(),
				guard.admit("198.51.100.2").permit());

		for (int i = 0; i < 100_000; i++) {
			this.now = i;
			guard.admit("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255)).permit().release();
			assertThat(guard.size()).isLessThanOrEqualTo(101);
		}

		assertThat(guard.open("198.51.100.1")).as("addresses with sessions are kept").isEqualTo(1);
		assertThat(guard.open("198.51.100.2")).isEqualTo(1);
		open.forEach(AddressGuard.Permit::release);
	}

	@Test
	void addressesWithSessionsAreNeverForgottenAndSweepsStayRare() {
		AddressGuard guard = guard(AddressLimits.builder().connectionsPerAddress(1).trackedAddresses(10));

		for (int i = 0; i < 1000; i++) {
			assertThat(guard.admit("10.0." + (i >> 8) + "." + (i & 255)).permit()).isNotNull();
		}

		assertThat(guard.size()).isEqualTo(1000);
		assertThat(guard.admit("10.0.0.0").refusal()).isEqualTo(AddressLimit.CONNECTIONS_PER_ADDRESS);
	}

}
