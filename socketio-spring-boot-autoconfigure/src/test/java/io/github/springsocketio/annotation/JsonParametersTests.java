package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.springsocketio.server.Ack;
import io.github.springsocketio.server.Arguments;
import io.github.springsocketio.server.SocketIOSocket;
import jakarta.validation.Valid;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Handler parameters read from JSON: the event's arguments converted to the parameter's type (validated when asked),
 * with a bad or missing argument answered as a bad request.
 */
class JsonParametersTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final List<String> problems = new ArrayList<>();

	private final List<Object> validated = new ArrayList<>();

	private final JsonParameters parameters = new JsonParameters(this.mapper,
			() -> (value, groups) -> this.validated.add(value), this.problems);

	@Test
	void anArgumentIsConvertedToTheParametersGenericType() throws Exception {
		ParameterResolver resolver = payload("points", 0);
		assertThat(resolver.resolve(invocation("[[{\"x\":1,\"y\":2}]]"))).isEqualTo(List.of(new Point(1, 2)));
		assertThat(this.problems).isEmpty();
	}

	@Test
	void aMissingArgumentIsNullUnlessThePrimitiveNeedsIt() throws Exception {
		assertThat(payload("points", 0).resolve(invocation("[]"))).isNull();
		assertBadRequest(payload("count", 0), "[]", "Argument 0 ('count') of event 'move' is missing; a int is expected");
	}

	@Test
	void anArgumentOfTheWrongShapeIsABadRequest() throws Exception {
		assertBadRequest(payload("count", 0), "[\"many\"]", "is not a valid int");
	}

	@Test
	void aValidatedParameterIsValidatedAfterConversion() throws Exception {
		payload("valid", 0).resolve(invocation("[{\"x\":3,\"y\":4}]"));
		assertThat(this.validated).containsExactly(new Point(3, 4));
	}

	@Test
	void aValidatedParameterWithoutAValidatorIsReported() throws Exception {
		JsonParameters withoutValidator = new JsonParameters(this.mapper, () -> null, this.problems);
		Method method = method("valid");
		withoutValidator.payload("m", method.getParameters()[0], 0, Point.class,
				withoutValidator.javaType(method, 0, Handlers.class));
		assertThat(this.problems).singleElement().asString().contains("no Bean Validation provider");
	}

	@Test
	void aPrimitiveAuthValueIsReported() throws Exception {
		this.parameters.auth("m", "parameter 'n' (int)", "n", int.class, this.mapper.constructType(int.class));
		assertThat(this.problems).singleElement().asString().contains("Use Integer instead.");
	}

	@Test
	void typesThatAreNoJsonValueCannotBePayloads() {
		assertThat(JsonParameters.unsupportedPayload(Mono.class)).contains("not as promises");
		assertThat(JsonParameters.unsupportedPayload(CompletableFuture.class)).contains("not as promises");
		assertThat(JsonParameters.unsupportedPayload(SocketIOSocket.class)).contains("no handler parameter");
		assertThat(JsonParameters.unsupportedPayload(Consumer.class)).isEqualTo("this type is not a JSON value");
		assertThat(JsonParameters.unsupportedPayload(Point.class)).isNull();
		assertThat(JsonParameters.unsupportedPayload(JsonNode.class)).isNull();
		assertThat(JsonParameters.unsupportedPayload(List.class)).isNull();
		assertThat(JsonParameters.unsupportedPayload(byte[].class)).isNull();
	}

	private void assertBadRequest(ParameterResolver resolver, String args, String message) {
		assertThatExceptionOfType(EventErrorException.class).isThrownBy(() -> resolver.resolve(invocation(args)))
			.satisfies((ex) -> assertThat(ex.getError().code()).isEqualTo(EventError.BAD_REQUEST))
			.withMessageContaining(message);
	}

	private ParameterResolver payload(String name, int index) throws Exception {
		Method method = method(name);
		return this.parameters.payload("m", method.getParameters()[0], index, method.getParameterTypes()[0],
				this.parameters.javaType(method, 0, Handlers.class));
	}

	private static Method method(String name) {
		for (Method method : Handlers.class.getDeclaredMethods()) {
			if (method.getName().equals(name)) {
				return method;
			}
		}
		throw new IllegalArgumentException(name);
	}

	private Invocation invocation(String args) {
		Arguments arguments = new Arguments((ArrayNode) this.mapper.readTree(args), this.mapper);
		return new Invocation(null, "move", arguments, Ack.NONE, null, null);
	}

	record Point(int x, int y) {
	}

	static class Handlers {

		void points(List<Point> points) {
		}

		void count(int count) {
		}

		void valid(@Valid Point point) {
		}

	}

}
