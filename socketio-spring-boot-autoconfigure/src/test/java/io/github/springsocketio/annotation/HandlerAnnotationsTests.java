package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler annotations of a plain class read into definitions, with every annotation that cannot work reported.
 */
class HandlerAnnotationsTests {

	private final List<String> problems = new ArrayList<>();

	@Test
	void annotatedMethodsAreReadWithWhatTheyHandleInAStableOrder() {
		Map<Method, MethodKind> methods = HandlerAnnotations.methods(Chat.class, this.problems);
		assertThat(methods.keySet()).extracting(Method::getName)
			.containsExactly("onConnect", "onDisconnect", "onError", "onMessage", "onMessage", "onUnknown");
		assertThat(methods.values()).containsExactly(MethodKind.CONNECT, MethodKind.DISCONNECT,
				MethodKind.EXCEPTION_HANDLER, MethodKind.EVENT, MethodKind.EVENT, MethodKind.UNHANDLED);
		assertThat(this.problems).isEmpty();
	}

	@Test
	void aClassWithoutHandlerAnnotationsIsNoCandidate() {
		assertThat(HandlerAnnotations.isCandidate(String.class)).isFalse();
		assertThat(HandlerAnnotations.isCandidate(Chat.class)).isTrue();
	}

	@Test
	void aMethodWithTwoHandlerAnnotationsIsReportedAndLeftOut() {
		assertThat(HandlerAnnotations.methods(TwoAnnotations.class, this.problems)).isEmpty();
		assertThat(this.problems).containsExactly(
				"TwoAnnotations.both() has [@SocketIOEvent, @OnConnect]. Keep one annotation per method.");
	}

	@Test
	void anEventHandlerWithoutANamespaceServesTheMainNamespace() {
		HandlerDefinition definition = define(Chat.class, "onMessage", null, String.class);
		assertThat(definition).isNotNull();
		assertThat(definition.kind()).isEqualTo(MethodKind.EVENT);
		assertThat(definition.event()).isEqualTo("chat message");
		assertThat(definition.namespaces()).containsExactly(NamespaceKey.MAIN);
	}

	@Test
	void namesWithoutASlashGetOneAndPatternsServeDynamicNamespaces() {
		HandlerDefinition definition = define(Namespaced.class, "onJoin", null);
		assertThat(definition).isNotNull();
		assertThat(definition.namespaces()).containsExactly(new NamespaceKey("/admin", false),
				new NamespaceKey("^/room-\\d+$", true));
		assertThat(definition.event()).isNull();
	}

	@Test
	void aMethodsNamespaceWinsOverItsClasss() {
		SocketIONamespace onClass = Namespaced.class.getAnnotation(SocketIONamespace.class);
		assertThat(define(Namespaced.class, "onJoin", onClass).namespaces()).hasSize(2);
		assertThat(define(Namespaced.class, "onLeave", onClass).namespaces())
			.containsExactly(new NamespaceKey("/lobby", false));
	}

	@Test
	void aNamespaceNamedTwiceIsReported() {
		assertThat(define(Broken.class, "twice", null)).isNull();
		assertThat(this.problems).singleElement()
			.asString()
			.contains("names its namespace twice, in @SocketIOEvent(namespace = ...) and in @SocketIONamespace");
	}

	@Test
	void blankNamesAndBadPatternsAreReported() {
		assertThat(define(Broken.class, "blank", null)).isNull();
		assertThat(define(Broken.class, "badPattern", null)).isNull();
		assertThat(this.problems).hasSize(2);
		assertThat(this.problems.get(0)).endsWith(": a namespace name is blank. Use \"/\" for the main namespace.");
		assertThat(this.problems.get(1)).contains("the namespace pattern '[' is not a regular expression");
	}

	@Test
	void anEventWithoutANameOrWithAReservedNameIsReported() {
		assertThat(define(Broken.class, "unnamed", null)).isNull();
		assertThat(define(Broken.class, "reserved", null)).isNull();
		assertThat(this.problems).containsExactly(
				"@SocketIOEvent method Broken.unnamed() has no event name. Name the event: "
						+ "@SocketIOEvent(\"chat message\").",
				"@SocketIOEvent method Broken.reserved() handles 'connect', a name reserved by the Socket.IO client "
						+ "library (connect, connect_error, disconnect, disconnecting, newListener, removeListener); "
						+ "clients cannot send it. Use @OnConnect for connections.");
	}

	@Test
	void aNamespaceAnnotationThatNamesNothingIsReported() {
		SocketIONamespace empty = Broken.class.getAnnotation(SocketIONamespace.class);
		assertThat(HandlerAnnotations.namespaces("middleware 'm'", empty, this.problems)).isEmpty();
		assertThat(this.problems).containsExactly(
				"middleware 'm': its @SocketIONamespace names no namespace. Give a name or a pattern.");
		assertThat(HandlerAnnotations.namespaces("middleware 'm'", null, this.problems))
			.containsExactly(NamespaceKey.MAIN);
	}

	private HandlerDefinition define(Class<?> type, String name, SocketIONamespace classNamespace,
			Class<?>... parameters) {
		Method method;
		try {
			method = type.getDeclaredMethod(name, parameters);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalArgumentException(ex);
		}
		MethodKind kind = HandlerAnnotations.methods(type, this.problems).get(method);
		return HandlerAnnotations.define(method, kind, classNamespace, this.problems);
	}

	static class Chat {

		@SocketIOEvent("chat message")
		void onMessage(String text) {
		}

		@SocketIOEvent("chat message v1")
		void onMessage(Integer version) {
		}

		@OnConnect
		void onConnect() {
		}

		@OnDisconnect
		void onDisconnect() {
		}

		@OnUnhandledEvent
		void onUnknown() {
		}

		@SocketIOExceptionHandler
		void onError(IllegalStateException ex) {
		}

		void notAHandler() {
		}

	}

	static class TwoAnnotations {

		@SocketIOEvent("x")
		@OnConnect
		void both() {
		}

	}

	@SocketIONamespace("/lobby")
	static class Namespaced {

		@OnConnect
		@SocketIONamespace(value = "admin", pattern = "^/room-\\d+$")
		void onJoin() {
		}

		@OnDisconnect
		void onLeave() {
		}

	}

	@SocketIONamespace
	static class Broken {

		@SocketIOEvent(value = "x", namespace = "/a")
		@SocketIONamespace("/b")
		void twice() {
		}

		@SocketIOEvent(value = "x", namespace = " ")
		void blank() {
		}

		@OnConnect
		@SocketIONamespace(pattern = "[")
		void badPattern() {
		}

		@SocketIOEvent("")
		void unnamed() {
		}

		@SocketIOEvent("connect")
		void reserved() {
		}

	}

}
