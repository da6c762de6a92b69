package io.github.springsocketio.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.springsocketio.annotation.SocketIOEvent;
import io.github.springsocketio.server.SocketIOSocket;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.json.JSONObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter on the smallest class path an application may have: it starts, and an annotated handler's failure
 * reaches the client as the default error acknowledgement and the log with its stack trace. Each subclass runs in a
 * build execution of its own with one optional dependency taken off the class path (see this module's pom), and
 * checks first that it really is gone; the default test run leaves them out by their tag.
 */
@Tag(MinimalClasspathTests.TAG)
@ExtendWith(OutputCaptureExtension.class)
abstract class MinimalClasspathTests {

	static final String TAG = "minimal-classpath";

	/** Generous: the first connection of a fresh application on a busy machine loads and compiles a lot. */
	static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** @return classes of the dependency this class path goes without */
	protected abstract List<String> absentClasses();

	@Test
	void theDependencyIsOffTheClassPath() {
		assertThat(absentClasses()).isNotEmpty()
			.allSatisfy((name) -> assertThat(ClassUtils.isPresent(name, getClass().getClassLoader())).as(name).isFalse());
	}

	@Test
	void aHandlersFailureIsAnsweredWithTheDefaultErrorAndLogged(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			Object[] answer = emitWithAck(context, "fail", (socket) -> {
			}, "boom");

			assertThat(answer).hasSize(1);
			assertThat(((JSONObject) answer[0]).getJSONObject("error").getString("code")).isEqualTo("INTERNAL_ERROR");
			assertThat(output).contains("java.lang.IllegalStateException: the handler failed on boom");
		}
	}

	/** Starts the application on a random port. */
	static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(MinimalApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0")
			.properties(properties)
			.run();
	}

	/**
	 * Connects a client, sends an event and waits for its acknowledgement.
	 * @param listen sets the client's listeners up before it connects
	 */
	static Object[] emitWithAck(ConfigurableApplicationContext context, String event, Consumer<Socket> listen,
			Object... args) throws Exception {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		IO.Options options = IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(new String[] { WebSocket.NAME })
			.build();
		Socket socket = IO.socket(URI.create("http://localhost:" + port), options);
		CompletableFuture<Object[]> ack = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT_ERROR,
				(error) -> ack.completeExceptionally(new IllegalStateException("connect_error " + error[0])));
		listen.accept(socket);
		socket.connect();
		socket.emit(event, args, ack::complete);
		try {
			return ack.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			socket.disconnect();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Handlers.class)
	static class MinimalApplication {

	}

	static class Handlers {

		@SocketIOEvent("fail")
		String fail(String text) {
			throw new IllegalStateException("the handler failed on " + text);
		}

		/** Sends the text to every socket of the namespace, through its adapter. */
		@SocketIOEvent("shout")
		boolean shout(SocketIOSocket socket, String text) {
			socket.namespace().emit("shouted", text);
			return true;
		}

	}

}
