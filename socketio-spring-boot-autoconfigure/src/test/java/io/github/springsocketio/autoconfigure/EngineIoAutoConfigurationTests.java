package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.github.springsocketio.engine.AddressLimits;
import io.github.springsocketio.engine.AllowRequestDecision;
import io.github.springsocketio.engine.AllowRequestHandler;
import io.github.springsocketio.engine.CompressionOptions;
import io.github.springsocketio.engine.CookieOptions;
import io.github.springsocketio.engine.CorsOptions;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration: options bound from {@code socketio.*}, impossible values refused at start-up naming the
 * property, and the user's own beans taking precedence.
 */
class EngineIoAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class));

	@Test
	void withoutPropertiesTheOptionsAreTheNodeDefaultsPlusTheAddressLimitsAndTheRouteIsRegistered() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(EngineIoOptions.class).hasSingleBean(NettyRouteProvider.class);
			assertThat(context.getBean(EngineIoOptions.class)).isEqualTo(EngineIoOptions.builder()
				.addressLimits(AddressLimits.builder()
					.connectionsPerAddress(1000)
					.handshakesPerSecond(100)
					.handshakeBurst(1000)
					.trustedProxies(List.of("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
							"100.64.0.0/10", "::1", "fc00::/7"))
					.build())
				.build());
		});
	}

	@Test
	void everyOptionIsBoundFromSocketioProperties() {
		this.runner
			.withPropertyValues("socketio.path=/engine.io", "socketio.ping-interval=300ms", "socketio.ping-timeout=2s",
					"socketio.upgrade-timeout=1m", "socketio.max-http-buffer-size=1KB", "socketio.transports=websocket",
					"socketio.allow-upgrades=false", "socketio.slow-client.max-buffered-size=2MB",
					"socketio.cors.allowed-origins=http://a.example,http://b.example",
					"socketio.cors.allowed-origin-patterns=https://*.example.com", "socketio.cors.allowed-methods=GET,POST",
					"socketio.cors.allowed-headers=x-token", "socketio.cors.exposed-headers=x-served-by",
					"socketio.cors.allow-credentials=true", "socketio.cors.max-age=10m",
					"socketio.cors.reject-disallowed-origins=false", "socketio.cookie.enabled=true",
					"socketio.cookie.name=sticky", "socketio.cookie.path=/chat", "socketio.cookie.domain=example.com",
					"socketio.cookie.http-only=false", "socketio.cookie.same-site=strict", "socketio.cookie.secure=true",
					"socketio.cookie.max-age=1h", "socketio.cookie.partitioned=true")
			.run((context) -> {
				EngineIoOptions options = context.getBean(EngineIoOptions.class);
				assertThat(options.path()).isEqualTo("/engine.io/");
				assertThat(options.pingInterval()).isEqualTo(Duration.ofMillis(300));
				assertThat(options.pingTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(options.upgradeTimeout()).isEqualTo(Duration.ofMinutes(1));
				assertThat(options.maxHttpBufferSize()).isEqualTo(1024);
				assertThat(options.transports()).containsExactly(Transport.WEBSOCKET);
				assertThat(options.allowUpgrades()).isFalse();
				assertThat(options.maxBufferedBytes()).isEqualTo(2 * 1024 * 1024);
				assertThat(options.cors()).isEqualTo(new CorsOptions(List.of("http://a.example", "http://b.example"),
						List.of("https://*.example.com"), List.of("GET", "POST"), List.of("x-token"),
						List.of("x-served-by"), true, Duration.ofMinutes(10), false));
				assertThat(options.cookie()).isEqualTo(new CookieOptions("sticky", "/chat", "example.com", false,
						"Strict", true, Duration.ofHours(1), true));
				assertThat(options.allowRequest()).isNull();
			});
	}

	@Test
	void compressionIsBoundAsNodeJsDefaultsIt() {
		this.runner.run((context) -> {
			EngineIoOptions options = context.getBean(EngineIoOptions.class);
			assertThat(options.httpCompression()).isEqualTo(new CompressionOptions(1024));
			assertThat(options.perMessageDeflate()).isNull();
		});
		this.runner
			.withPropertyValues("socketio.http-compression.enabled=false", "socketio.per-message-deflate.enabled=true",
					"socketio.per-message-deflate.threshold=4KB")
			.run((context) -> {
				EngineIoOptions options = context.getBean(EngineIoOptions.class);
				assertThat(options.httpCompression()).isNull();
				assertThat(options.perMessageDeflate()).isEqualTo(new CompressionOptions(4096));
			});
		this.runner.withPropertyValues("socketio.http-compression.threshold=0")
			.run((context) -> assertThat(context.getBean(EngineIoOptions.class).httpCompression())
				.isEqualTo(new CompressionOptions(0)));
	}

	@Test
	void plainNumbersAreMillisecondsAndBytes() {
		this.runner
			.withPropertyValues("socketio.ping-interval=300", "socketio.ping-timeout=200", "socketio.upgrade-timeout=50",
					"socketio.max-http-buffer-size=5000")
			.run((context) -> {
				EngineIoOptions options = context.getBean(EngineIoOptions.class);
				assertThat(options.pingInterval()).isEqualTo(Duration.ofMillis(300));
				assertThat(options.pingTimeout()).isEqualTo(Duration.ofMillis(200));
				assertThat(options.upgradeTimeout()).isEqualTo(Duration.ofMillis(50));
				assertThat(options.maxHttpBufferSize()).isEqualTo(5000);
			});
	}

	@Test
	void corsIsOffWithoutOriginsAndTheCookieIsOffUnlessEnabled() {
		this.runner.withPropertyValues("socketio.cors.allow-credentials=true", "socketio.cookie.name=sticky")
			.run((context) -> {
				EngineIoOptions options = context.getBean(EngineIoOptions.class);
				assertThat(options.cors()).isNull();
				assertThat(options.cookie()).isNull();
			});
	}

	@Test
	void anEnabledCookieHasNodesDefaults() {
		this.runner.withPropertyValues("socketio.cookie.enabled=true")
			.run((context) -> assertThat(context.getBean(EngineIoOptions.class).cookie())
				.isEqualTo(CookieOptions.defaults()));
	}

	static Stream<Arguments> impossibleValues() {
		return Stream.of(Arguments.of("socketio.ping-interval", List.of("socketio.ping-interval=-1s")),
				Arguments.of("socketio.ping-interval", List.of("socketio.ping-interval=0")),
				Arguments.of("socketio.ping-timeout", List.of("socketio.ping-timeout=0ms")),
				Arguments.of("socketio.upgrade-timeout", List.of("socketio.upgrade-timeout=-5")),
				Arguments.of("socketio.transports", List.of("socketio.transports=")),
				Arguments.of("socketio.transports", List.of("socketio.transports=polling,flash")),
				Arguments.of("socketio.path", List.of("socketio.path=engine.io/")),
				Arguments.of("socketio.max-http-buffer-size", List.of("socketio.max-http-buffer-size=0")),
				Arguments.of("socketio.max-http-buffer-size", List.of("socketio.max-http-buffer-size=3GB")),
				Arguments.of("socketio.slow-client.max-buffered-size", List.of("socketio.slow-client.max-buffered-size=0")),
				Arguments.of("socketio.http-compression.threshold", List.of("socketio.http-compression.threshold=-1")),
				Arguments.of("socketio.per-message-deflate.threshold",
						List.of("socketio.per-message-deflate.enabled=true", "socketio.per-message-deflate.threshold=3GB")),
				Arguments.of("socketio.cors.allowed-origins",
						List.of("socketio.cors.allowed-origins=*", "socketio.cors.allow-credentials=true")),
				Arguments.of("socketio.cors.allowed-origins", List.of("socketio.cors.allowed-origins=*,http://a.example")),
				Arguments.of("socketio.cors.max-age",
						List.of("socketio.cors.allowed-origins=http://a.example", "socketio.cors.max-age=-1s")),
				Arguments.of("socketio.cookie.same-site",
						List.of("socketio.cookie.enabled=true", "socketio.cookie.same-site=none")),
				Arguments.of("socketio.cookie.same-site",
						List.of("socketio.cookie.enabled=true", "socketio.cookie.same-site=sometimes")),
				Arguments.of("socketio.cookie.name",
						List.of("socketio.cookie.enabled=true", "socketio.cookie.name=my cookie")));
	}

	@ParameterizedTest(name = "{1} -> {0}")
	@MethodSource("impossibleValues")
	void anImpossibleValueIsRefusedAtStartUpNamingTheProperty(String property, List<String> values) {
		this.runner.withPropertyValues(values.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(property);
		});
	}

	@Test
	void socketioEnabledFalseCreatesNoBeans() {
		this.runner.withPropertyValues("socketio.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EngineIoOptions.class)
				.doesNotHaveBean(NettyRouteProvider.class));
	}

	@Test
	void nothingIsCreatedInANonReactiveApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EngineIoOptions.class)
				.doesNotHaveBean(NettyRouteProvider.class));
	}

	@Test
	void theApplicationsOwnOptionsWin() {
		this.runner.withUserConfiguration(OwnOptions.class)
			.withPropertyValues("socketio.ping-interval=1s")
			.run((context) -> {
				assertThat(context).hasSingleBean(EngineIoOptions.class);
				assertThat(context.getBean(EngineIoOptions.class)).isSameAs(context.getBean(OwnOptions.class).options);
				assertThat(context.getBean(EngineIoOptions.class).path()).isEqualTo("/own/");
			});
	}

	@Test
	void customizersAdjustTheBoundOptionsInOrder() {
		this.runner.withUserConfiguration(Customizers.class)
			.withPropertyValues("socketio.ping-timeout=7s", "socketio.ping-interval=1s")
			.run((context) -> {
				EngineIoOptions options = context.getBean(EngineIoOptions.class);
				assertThat(options.allowUpgrades()).isFalse();
				assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.pingTimeout()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void anAllowRequestHandlerBeanIsUsed() {
		this.runner.withUserConfiguration(AllowRequest.class).run((context) -> {
			AllowRequestHandler handler = context.getBean(AllowRequestHandler.class);
			assertThat(context.getBean(EngineIoOptions.class).allowRequest()).isSameAs(handler);
		});
	}

	@Test
	void twoAllowRequestHandlersFailTheStartUpRatherThanDroppingBoth() {
		this.runner.withUserConfiguration(AllowRequest.class, AnotherAllowRequest.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("AllowRequestHandler")
				.contains("tokenCheck")
				.contains("originCheck");
		});
	}

	private static String messages(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return String.join("\n", messages);
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnOptions {

		final EngineIoOptions options = EngineIoOptions.builder().path("/own/").transports(Set.of(Transport.POLLING)).build();

		@Bean
		EngineIoOptions myEngineOptions() {
			return this.options;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		@Bean
		@Order(2)
		EngineIoOptionsCustomizer slower() {
			return (options) -> options.pingInterval(Duration.ofSeconds(3));
		}

		@Bean
		@Order(1)
		EngineIoOptionsCustomizer noUpgradesAndFaster() {
			return (options) -> options.allowUpgrades(false).pingInterval(Duration.ofSeconds(2));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AllowRequest {

		@Bean
		AllowRequestHandler tokenCheck() {
			return (request) -> Mono.just(AllowRequestDecision.deny("no"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnotherAllowRequest {

		@Bean
		AllowRequestHandler originCheck() {
			return (request) -> Mono.just(AllowRequestDecision.allow());
		}

	}

}
