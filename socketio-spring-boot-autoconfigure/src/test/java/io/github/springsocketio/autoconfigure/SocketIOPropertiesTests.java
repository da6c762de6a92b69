package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.adapter.redis.RedisShardedAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import io.github.springsocketio.adapter.redis.ShardedSubscriptionMode;
import io.github.springsocketio.engine.CookieOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code socketio.*} binds as documented: the cookie attributes under both cookie prefixes with the same names, the
 * closed sets as case-insensitive enums, and the Redis defaults from the adapter's own.
 */
class SocketIOPropertiesTests {

	@ParameterizedTest
	@CsvSource({ "lax, LAX", "Lax, LAX", "strict, STRICT", "STRICT, STRICT", "none, NONE" })
	void sameSiteBindsCaseInsensitivelyForBothCookies(String value, SocketIOProperties.SameSite expected) {
		SocketIOProperties properties = bind(
				Map.of("socketio.cookie.same-site", value, "socketio.sticky.same-site", value));
		assertThat(properties.getCookie().getSameSite()).isEqualTo(expected);
		assertThat(properties.getSticky().getSameSite()).isEqualTo(expected);
	}

	@Test
	void anUnknownSameSiteIsRefused() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("socketio.cookie.same-site", "sometimes")))
			.withMessageContaining("socketio.cookie.same-site");
	}

	@Test
	void theSharedCookieAttributesBindUnderEachCookiesOwnPrefix() {
		SocketIOProperties properties = bind(Map.of("socketio.cookie.path", "/a", "socketio.cookie.domain", "a.example",
				"socketio.cookie.http-only", "false", "socketio.cookie.secure", "true", "socketio.cookie.max-age", "1m",
				"socketio.sticky.path", "/b", "socketio.sticky.max-age", "2m"));
		SocketIOProperties.Cookie cookie = properties.getCookie();
		assertThat(cookie.getPath()).isEqualTo("/a");
		assertThat(cookie.getDomain()).isEqualTo("a.example");
		assertThat(cookie.isHttpOnly()).isFalse();
		assertThat(cookie.isSecure()).isTrue();
		assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.getSticky().getPath()).isEqualTo("/b");
		assertThat(properties.getSticky().getMaxAge()).isEqualTo(Duration.ofMinutes(2));
		assertThat(properties.getSticky().getDomain()).isNull();
	}

	@Test
	void bothCookiesDefaultToTheEngineIoSessionCookiesAttributes() {
		CookieOptions node = CookieOptions.defaults();
		for (SocketIOProperties.CookieAttributes cookie : new SocketIOProperties.CookieAttributes[] {
				new SocketIOProperties.Cookie(), new SocketIOProperties.Sticky() }) {
			assertThat(EngineIoOptionsFactory.cookieOptions("socketio.cookie", "name", node.name(), cookie, false))
				.isEqualTo(node);
		}
	}

	@Test
	void theRedisDefaultsAreTheAdapters() {
		SocketIOProperties.Redis redis = new SocketIOProperties.Redis();
		RedisStreamsAdapterOptions options = RedisStreamsAdapterOptions.builder().build();
		assertThat(new RedisStreamsAdapterOptions(redis.getStreamName(), redis.getStreamCount(),
				redis.getChannelPrefix(), redis.getMaxLength(), redis.getReadCount(), redis.getBlockTime(),
				redis.getSessionKeyPrefix(), redis.getRequestTimeout(), redis.isOnlyPlaintext(),
				redis.isCrashSafeRecovery(), redis.getMaxConcurrentRecoveries(), redis.getMaxQueuedRecoveries()))
			.isEqualTo(options);
	}

	@Test
	void theShardedDefaultsAreTheAdapters() {
		SocketIOProperties.Redis redis = new SocketIOProperties.Redis();
		RedisShardedAdapterOptions options = RedisShardedAdapterOptions.builder().build();
		assertThat(new RedisShardedAdapterOptions(redis.getChannelPrefix(),
				ShardedSubscriptionMode.valueOf(redis.getSubscriptionMode().name()), redis.getRequestTimeout()))
			.isEqualTo(options);
	}

	@Test
	void closedSetsPrintAsTheyAreDocumentedAndBindBackFromThatSpelling() {
		List<Enum<?>> values = new ArrayList<>();
		values.addAll(List.of(SocketIOProperties.ExecutorType.values()));
		values.addAll(List.of(SocketIOProperties.AdapterType.values()));
		values.addAll(List.of(SocketIOProperties.SameSite.values()));
		values.addAll(List.of(SocketIOProperties.SubscriptionMode.values()));
		assertThat(values).map(Object::toString)
			.containsExactly("auto", "virtual-threads", "pool", "memory", "redis-streams", "redis", "redis-sharded",
					"strict", "lax", "none", "static", "dynamic", "dynamic-private");
		for (Enum<?> value : values) {
			assertThat(new Binder(new MapConfigurationPropertySource(Map.of("value", value.toString())))
				.bind("value", value.getDeclaringClass())
				.get()).isEqualTo(value);
		}
	}

	private static SocketIOProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("socketio", SocketIOProperties.class);
	}

}
