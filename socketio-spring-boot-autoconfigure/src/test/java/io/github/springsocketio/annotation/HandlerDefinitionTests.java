package io.github.springsocketio.annotation;

import io.github.springsocketio.autoconfigure.EngineIoAutoConfiguration;
import io.github.springsocketio.autoconfigure.SocketIOAnnotationAutoConfiguration;
import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.server.Ack;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.SocketIOSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handlers that cannot work stop the application at start-up, with a message that names the method and the fix.
 */
class HandlerDefinitionTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EngineIoAutoConfiguration.class, SocketIOAutoConfiguration.class,
				SocketIOAnnotationAutoConfiguration.class));

	@Test
	void twoHandlersForOneEventInOneNamespaceRefuseToStart() {
		this.contextRunner.withBean(ChatHandlers.class).withBean(LegacyChatHandlers.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(HandlerDefinitionException.class)
				.hasMessageContaining("Two handlers for event 'chat message' in namespace '/': "
						+ "ChatHandlers.onMessage(String) and LegacyChatHandlers.onChat(String). Keep one, or give one "
						+ "another namespace with @SocketIOEvent(namespace = ...).");
		});
	}

	@Test
	void oneEventMayBeHandledOnceInEachNamespace() {
		this.contextRunner.withBean(ChatHandlers.class).withBean(OtherNamespaceChatHandlers.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@ValueSource(strings = { "connect", "connect_error", "disconnect", "disconnecting", "newListener",
			"removeListener" })
	void reservedEventNamesRefuseToStart(String event) {
		this.contextRunner.withUserConfiguration(ReservedNames.class)
			.run((context) -> assertThat(context.getStartupFailure()).isInstanceOf(HandlerDefinitionException.class)
				.hasMessageContaining("ReservedNames." + method(event) + "() handles '" + event
						+ "', a name reserved by the Socket.IO client library"));
	}

	@Test
	void reservedConnectionEventsPointToTheConnectionAnnotations() {
		this.contextRunner.withUserConfiguration(ReservedNames.class).run((context) -> assertThat(
				context.getStartupFailure())
			.isInstanceOf(HandlerDefinitionException.class)
			.hasMessageContaining("handles 'connect'")
			.hasMessageContaining("Use @OnConnect for connections.")
			.hasMessageContaining("handles 'disconnect'")
			.hasMessageContaining("Use @OnDisconnect for disconnections."));
	}

	@Test
	void unsupportedParameterTypesRefuseToStartNamingTheParameter() {
		this.contextRunner.withBean(UnsupportedParameters.class).run((context) -> assertThat(context.getStartupFailure())
			.isInstanceOf(HandlerDefinitionException.class)
			.hasMessageContaining("@SocketIOEvent method UnsupportedParameters.promise(Mono): parameter 'text' (Mono) "
					+ "is not supported: arguments arrive as values")
			.hasMessageContaining("@SocketIOEvent method UnsupportedParameters.callback(Runnable): parameter "
					+ "'callback' (Runnable) is not supported")
			.hasMessageContaining("@SocketIOEvent method UnsupportedParameters.reason(DisconnectReason): parameter "
					+ "'reason' (DisconnectReason) is only available to @OnDisconnect methods")
			.hasMessageContaining("@OnConnect method UnsupportedParameters.connected(Ack): parameter 'ack' (Ack) is only "
					+ "available to @SocketIOEvent methods")
			.hasMessageContaining("@OnConnect method UnsupportedParameters.payload(String): parameter 'text' (String) "
					+ "is not supported. @OnConnect parameters are")
			.hasMessageContaining("@SocketIOEvent method UnsupportedParameters.primitiveAuth(int): @Auth parameter "
					+ "'age' (int) cannot be a primitive"));
	}

	@Test
	void unsupportedReturnTypesRefuseToStart() {
		this.contextRunner.withBean(UnsupportedReturns.class).run((context) -> assertThat(context.getStartupFailure())
			.isInstanceOf(HandlerDefinitionException.class)
			.hasMessageContaining("@SocketIOEvent method UnsupportedReturns.flux(): the return type Flux is not "
					+ "supported. Return a value, a Mono (collect a Flux with collectList())")
			.hasMessageContaining("@SocketIOEvent method UnsupportedReturns.both(Ack): it takes an Ack and returns "
					+ "String. Acknowledge one way")
			.hasMessageContaining("@OnConnect method UnsupportedReturns.connected(): it returns String, but there is "
					+ "nothing to acknowledge. Return void, Mono<Void> or CompletionStage<Void>."));
	}

	@Test
	void misplacedAnnotationsRefuseToStart() {
		this.contextRunner.withBean(Misplaced.class).withBean(OrphanExceptionHandler.class).run((context) -> assertThat(
				context.getStartupFailure())
			.isInstanceOf(HandlerDefinitionException.class)
			.hasMessageContaining("Misplaced.both() has [@SocketIOEvent, @OnConnect]. Keep one annotation per method.")
			.hasMessageContaining("Two @OnUnhandledEvent methods in namespace '/': Misplaced.first() and "
					+ "Misplaced.second(). Keep one.")
			.hasMessageContaining("the namespace pattern '[' is not a regular expression")
			.hasMessageContaining("The @SocketIOExceptionHandler methods of OrphanExceptionHandler apply to no "
					+ "handler: annotate the class with @SocketIOAdvice"));
	}

	@Test
	void handlerBeansMustBeSingletons() {
		this.contextRunner.withUserConfiguration(PrototypeHandlers.class).run((context) -> assertThat(
				context.getStartupFailure())
			.isInstanceOf(HandlerDefinitionException.class)
			.hasMessageContaining("Bean 'prototypeChat' (ChatHandlers) declares Socket.IO handlers but is not a "
					+ "singleton."));
	}

	@Test
	void handlersAreRegisteredOnlyOnceTheyAreAllValid() {
		this.contextRunner.withBean(ChatHandlers.class)
			.run((context) -> assertThat(context).hasSingleBean(SocketIOHandlerMethodProcessor.class));
	}

	private static String method(String event) {
		return switch (event) {
			case "connect" -> "connect";
			case "connect_error" -> "connectError";
			case "disconnect" -> "disconnect";
			case "disconnecting" -> "disconnecting";
			case "newListener" -> "newListener";
			default -> "removeListener";
		};
	}

	static class ChatHandlers {

		@SocketIOEvent("chat message")
		void onMessage(String text) {
		}

	}

	static class LegacyChatHandlers {

		@SocketIOEvent("chat message")
		void onChat(String text) {
		}

	}

	@SocketIONamespace("/other")
	static class OtherNamespaceChatHandlers {

		@SocketIOEvent("chat message")
		void onChat(String text) {
		}

	}

	static class ReservedNames {

		@SocketIOEvent("connect")
		void connect() {
		}

		@SocketIOEvent("connect_error")
		void connectError() {
		}

		@SocketIOEvent("disconnect")
		void disconnect() {
		}

		@SocketIOEvent("disconnecting")
		void disconnecting() {
		}

		@SocketIOEvent("newListener")
		void newListener() {
		}

		@SocketIOEvent("removeListener")
		void removeListener() {
		}

	}

	static class UnsupportedParameters {

		@SocketIOEvent("promise")
		void promise(Mono<String> text) {
		}

		@SocketIOEvent("callback")
		void callback(Runnable callback) {
		}

		@SocketIOEvent("reason")
		void reason(DisconnectReason reason) {
		}

		@SocketIOEvent("primitive-auth")
		void primitiveAuth(@Auth("age") int age) {
		}

		@OnConnect
		void connected(Ack ack) {
		}

		@OnConnect
		void payload(String text) {
		}

	}

	static class UnsupportedReturns {

		@SocketIOEvent("flux")
		Flux<String> flux() {
			return Flux.empty();
		}

		@SocketIOEvent("both")
		String both(Ack ack) {
			return "";
		}

		@OnConnect
		String connected() {
			return "";
		}

	}

	static class Misplaced {

		@SocketIOEvent("both")
		@OnConnect
		void both() {
		}

		@OnUnhandledEvent
		void first() {
		}

		@OnUnhandledEvent
		void second() {
		}

		@SocketIOEvent("bad-pattern")
		@SocketIONamespace(pattern = "[")
		void badPattern(SocketIOSocket socket) {
		}

	}

	static class OrphanExceptionHandler {

		@SocketIOExceptionHandler
		EventError handle(IllegalStateException ex) {
			return EventError.of("X", "x");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrototypeHandlers {

		@Bean
		@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
		ChatHandlers prototypeChat() {
			return new ChatHandlers();
		}

	}

}
