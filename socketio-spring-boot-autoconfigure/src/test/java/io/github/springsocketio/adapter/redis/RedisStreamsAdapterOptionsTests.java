package io.github.springsocketio.adapter.redis;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The options: the Node.js adapter's defaults, and namespaces spread over streams exactly as Node.js computes it.
 */
class RedisStreamsAdapterOptionsTests {

	@Test
	void theDefaultsAreThoseOfTheNodeJsAdapter() {
		RedisStreamsAdapterOptions options = RedisStreamsAdapterOptions.builder().build();

		assertThat(options.streamName()).isEqualTo("socket.io");
		assertThat(options.streamCount()).isEqualTo(1);
		assertThat(options.channelPrefix()).isEqualTo("socket.io");
		assertThat(options.maxLength()).isEqualTo(10_000);
		assertThat(options.readCount()).isEqualTo(100);
		assertThat(options.blockTime()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.sessionKeyPrefix()).isEqualTo("sio:session:");
		assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.onlyPlaintext()).isFalse();
	}

	@Test
	void withOneStreamEveryNamespaceUsesTheStreamName() {
		RedisStreamsAdapterOptions options = RedisStreamsAdapterOptions.builder().streamName("sio").build();

		assertThat(options.streamFor("/")).isEqualTo("sio");
		assertThat(options.streamFor("/admin")).isEqualTo("sio");
	}

	/** As verified with Node.js and {@code streamCount: 2}: {@code /} hashes to 47, {@code /admin} to 1438238848. */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "/, sio-1", "/admin, sio-0" })
	void withTwoStreamsNamespacesAreSpreadAsNodeJsDoes(String namespace, String stream) {
		RedisStreamsAdapterOptions options = RedisStreamsAdapterOptions.builder().streamName("sio").streamCount(2).build();

		assertThat(options.streamFor(namespace)).isEqualTo(stream);
	}

	/** Node.js's hashCode("/aaaaaaa") is -929153806 and -929153806 % 3 is -1 in JavaScript too. */
	@Test
	void aNegativeHashGivesTheNegativeIndexNodeJsComputesToo() {
		RedisStreamsAdapterOptions options = RedisStreamsAdapterOptions.builder().streamName("sio").streamCount(3).build();

		assertThat("/aaaaaaa".hashCode()).isEqualTo(-929153806);
		assertThat(options.streamFor("/aaaaaaa")).isEqualTo("sio--1");
	}

	@Test
	void impossibleValuesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisStreamsAdapterOptions.builder().streamCount(0).build());
		assertThatIllegalArgumentException().isThrownBy(() -> RedisStreamsAdapterOptions.builder().maxLength(0).build());
		assertThatIllegalArgumentException().isThrownBy(() -> RedisStreamsAdapterOptions.builder().readCount(0).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisStreamsAdapterOptions.builder().blockTime(Duration.ZERO).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisStreamsAdapterOptions.builder().requestTimeout(Duration.ofMillis(-1)).build());
	}

}
