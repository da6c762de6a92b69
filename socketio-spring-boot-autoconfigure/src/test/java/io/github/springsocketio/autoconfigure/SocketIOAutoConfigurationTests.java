package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.engine.AddressLimits;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.protocol.JsonLimits;
import io.github.springsocketio.server.AdapterFactory;
import io.github.springsocketio.server.EventRateAction;
import io.github.springsocketio.server.ParserType;
import io.github.springsocketio.server.SocketIOLimits;
import io.github.springsocketio.server.SocketIOOptions;
import io.github.springsocketio.server.SocketIOServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Socket.IO server bean, its options and adapter factory, from {@code socketio.*}.
 */
class SocketIOAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIOAutoConfiguration.class));

	@Test
	void shouldCreateTheServerOnTheInMemoryAdapterInAReactiveWebApplication() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SocketIOServer.class)
				.hasSingleBean(SocketIOOptions.class)
				.hasSingleBean(AdapterFactory.class)
				.hasSingleBean(EngineIoServer.class);
			SocketIOServer server = context.getBean(SocketIOServer.class);
			assertThat(server.engine()).isSameAs(context.getBean(EngineIoServer.class));
			assertThat(server.defaultNamespace().adapter()).isInstanceOf(InMemoryAdapter.class);
			assertThat(server.options()).isEqualTo(SocketIOOptions.defaults());
		});
	}

	@Test
	void shouldNotCreateTheServerOutsideAReactiveWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIOAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOServer.class));
	}

	@Test
	void shouldSpeakTheDefaultParserUnlessMsgpackIsAskedFor() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SocketIOServer.class).parserType())
			.isEqualTo(ParserType.DEFAULT));
		this.contextRunner.withPropertyValues("socketio.parser=msgpack")
			.run((context) -> assertThat(context.getBean(SocketIOServer.class).parserType())
				.isEqualTo(ParserType.MSGPACK));
	}

	@Test
	void shouldFailToStartWithTheMsgpackParserWithoutMsgpackCore() {
		this.contextRunner.withPropertyValues("socketio.parser=msgpack")
			.withClassLoader(new FilteredClassLoader("org.msgpack"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socketio.parser")
				.hasMessageContaining("org.msgpack:msgpack-core"));
	}

	@Test
	void shouldNotCreateTheServerWhenDisabled() {
		this.contextRunner.withPropertyValues("socketio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOServer.class)
				.doesNotHaveBean(AdapterFactory.class));
	}

	@Test
	void shouldBindTheSocketIOOptions() {
		this.contextRunner
			.withPropertyValues("socketio.connect-timeout=3s", "socketio.max-attachments=2",
					"socketio.connection-state-recovery.enabled=true",
					"socketio.connection-state-recovery.max-disconnection-duration=30s",
					"socketio.connection-state-recovery.skip-middlewares=false")
			.run((context) -> {
				SocketIOOptions options = context.getBean(SocketIOServer.class).options();
				assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.maxAttachments()).isEqualTo(2);
				assertThat(options.recovery()).isNotNull();
				assertThat(options.recovery().maxDisconnectionDuration()).isEqualTo(Duration.ofSeconds(30));
				assertThat(options.recovery().skipMiddlewares()).isFalse();
			});
	}

	@Test
	void shouldBindTheLimitsTheJsonDocumentFollowingTheBufferSizeUnlessSet() {
		this.contextRunner
			.withPropertyValues("socketio.max-http-buffer-size=2MB", "socketio.cleanup-empty-child-namespaces=false",
					"socketio.limits.json-nesting-depth=50", "socketio.limits.json-number-length=20",
					"socketio.limits.namespaces-per-connection=5", "socketio.limits.dynamic-namespaces=7",
					"socketio.limits.namespace-name-length=30", "socketio.limits.event-name-length=40",
					"socketio.limits.rooms-per-socket=60", "socketio.limits.room-name-length=70",
					"socketio.limits.events-per-second=80", "socketio.limits.event-burst=90",
					"socketio.limits.event-rate-action=disconnect")
			.run((context) -> {
				SocketIOLimits limits = context.getBean(SocketIOServer.class).options().limits();
				assertThat(limits.json()).isEqualTo(new JsonLimits(50, 2 * 1024 * 1024, 2 * 1024 * 1024, 20));
				assertThat(limits).isEqualTo(new SocketIOLimits(limits.json(), 5, 7, false, 30, 40, 60, 70, 80, 90,
						EventRateAction.DISCONNECT));
			});
		this.contextRunner
			.withPropertyValues("socketio.limits.json-document-length=10KB", "socketio.limits.json-string-length=100")
			.run((context) -> assertThat(context.getBean(SocketIOServer.class).options().limits().json())
				.isEqualTo(new JsonLimits(500, 10 * 1024, 100, 1000)));
	}

	@Test
	void shouldStartWithTheDefaultLimitsAndTheAddressLimitsOn() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(SocketIOServer.class).options().limits())
				.isEqualTo(SocketIOLimits.defaults());
			assertThat(context.getBean(EngineIoServer.class).options().addressLimits())
				.isEqualTo(AddressLimits.builder()
					.connectionsPerAddress(1000)
					.handshakesPerSecond(100)
					.handshakeBurst(1000)
					.trackedAddresses(100_000)
					.trustedProxies(List.of("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
							"100.64.0.0/10", "::1", "fc00::/7"))
					.build());
		});
	}

	@Test
	void shouldBindTheAddressLimitsAndTheTrustedProxies() {
		this.contextRunner
			.withPropertyValues("socketio.limits.connections-per-address=0",
					"socketio.limits.handshakes-per-second-per-address=5",
					"socketio.limits.handshake-burst-per-address=6", "socketio.limits.tracked-addresses=7",
					"socketio.trusted-proxies=10.0.0.0/8,::1")
			.run((context) -> assertThat(context.getBean(EngineIoServer.class).options().addressLimits())
				.isEqualTo(new AddressLimits(0, 5, 6, 7, List.of("10.0.0.0/8", "::1"))));
	}

	@Test
	void shouldRefuseToStartWithImpossibleValuesNamingTheProperty() {
		assertRefused("socketio.trusted-proxies=10.0.0.0/33", "socketio.trusted-proxies",
				"'10.0.0.0/33' has a prefix length outside 0 to 32.");
		assertRefused("socketio.trusted-proxies=proxy.example.com", "socketio.trusted-proxies",
				"'proxy.example.com' is not an IP address or a CIDR block");
		assertRefused("socketio.limits.events-per-second=-1", "socketio.limits.events-per-second",
				"The limit must be positive, or 0 to turn it off.");
		assertRefused("socketio.limits.handshake-burst-per-address=0", "socketio.limits.handshake-burst-per-address",
				"The limit must be at least 1.");
		assertRefused("socketio.limits.rooms-per-socket=0", "socketio.limits.rooms-per-socket",
				"The limit must be at least 1.");
		assertRefused("socketio.limits.json-document-length=0", "socketio.limits.json-document-length",
				"The size must be positive");
		assertRefused("socketio.connect-timeout=-1s", "socketio.connect-timeout", "The duration must be positive.");
		assertRefused("socketio.max-attachments=0", "socketio.max-attachments", "Allow at least 1 attachment");
		assertRefused("socketio.ping-interval=0s", "socketio.ping-interval", "The duration must be positive.");
		assertRefused("socketio.path=socket.io", "socketio.path", "The path must start with '/'.");
		assertRefused("socketio.connection-state-recovery.enabled=true",
				"socketio.connection-state-recovery.max-disconnection-duration", "The duration must be positive.",
				"socketio.connection-state-recovery.max-disconnection-duration=0s");
	}

	@Test
	void shouldRefuseCorsCredentialsWithAnyOrigin() {
		this.contextRunner.withPropertyValues("socketio.cors.allowed-origins=*", "socketio.cors.allow-credentials=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("socketio.cors.allowed-origins")
				.hasMessageContaining("Browsers reject credentials with the origin '*'"));
	}

	@Test
	void shouldRefuseAnUnknownTransportNamingTheProperty() {
		this.contextRunner.withPropertyValues("socketio.transports=polling,carrier-pigeon")
			.run((context) -> {
				BindException failure = findCause(context.getStartupFailure(), BindException.class);
				assertThat(failure.getProperty().getName()).hasToString("socketio.transports");
				assertThat(failure.getProperty().getValue()).isEqualTo("polling,carrier-pigeon");
			});
	}

	@Test
	void shouldUseTheApplicationsJsonMapper() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(SocketIOServer.class).mapper())
				.isSameAs(context.getBean(JsonMapper.class)));
	}

	@Test
	void shouldApplyCustomizersInOrder() {
		this.contextRunner.withUserConfiguration(Customizers.class).run((context) -> {
			assertThat(context.getBean(Customizers.class).calls).containsExactly("first", "second");
			assertThat(context.getBean(SocketIOServer.class).namespaces()).extracting("name").contains("/customized");
		});
	}

	@Test
	void shouldBackOffForTheUsersOwnBeans() {
		SocketIOServer server = SocketIOServer.builder().adapterFactory(InMemoryAdapter::new).build();
		SocketIOOptions options = SocketIOOptions.defaults().withConnectTimeout(Duration.ofSeconds(1));
		AdapterFactory adapters = InMemoryAdapter::new;
		this.contextRunner.withBean(SocketIOServer.class, () -> server)
			.withBean(SocketIOOptions.class, () -> options)
			.withBean(AdapterFactory.class, () -> adapters)
			.run((context) -> {
				assertThat(context.getBean(SocketIOServer.class)).isSameAs(server);
				assertThat(context.getBean(SocketIOOptions.class)).isSameAs(options);
				assertThat(context.getBean(AdapterFactory.class)).isSameAs(adapters);
				assertThat(context.getBean(EngineIoServer.class)).isSameAs(server.engine());
			});
	}

	private void assertRefused(String property, String name, String message, String... more) {
		this.contextRunner.withPropertyValues(property).withPropertyValues(more).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(name)
				.hasMessageContaining(message);
		});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		SocketIOServerCustomizer second() {
			return (server) -> this.calls.add("second");
		}

		@Bean
		@Order(1)
		SocketIOServerCustomizer first() {
			return (server) -> {
				this.calls.add("first");
				server.of("/customized");
			};
		}

	}

}
