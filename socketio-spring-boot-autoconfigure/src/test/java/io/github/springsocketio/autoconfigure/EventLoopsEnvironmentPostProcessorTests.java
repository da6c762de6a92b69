package io.github.springsocketio.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The application's server runs one event loop per CPU the process may use, unless the user chose the number: counted
 * as the server's event-loop threads, in a JVM of its own per case (Reactor Netty reads the count once per JVM).
 */
class EventLoopsEnvironmentPostProcessorTests {

	private static final Pattern COUNT = Pattern.compile("event-loops=(\\d+)");

	@Test
	void onOneCpuTheServerRunsOneEventLoopWhereReactorNettyWouldRunFour() throws Exception {
		assertThat(serverEventLoops(List.of("-XX:ActiveProcessorCount=1"))).isEqualTo(1);
	}

	@Test
	void aSystemPropertyTheUserSetWins() throws Exception {
		assertThat(serverEventLoops(List.of("-XX:ActiveProcessorCount=1", "-Dreactor.netty.ioWorkerCount=5")))
			.isEqualTo(5);
	}

	@Test
	void theSameKeyInTheApplicationsConfigurationIsUsed() throws Exception {
		assertThat(serverEventLoops(List.of("-XX:ActiveProcessorCount=1"), "reactor.netty.ioWorkerCount=2"))
			.isEqualTo(2);
	}

	@Test
	void withSocketIoDisabledReactorNettysDefaultStays() throws Exception {
		assertThat(serverEventLoops(List.of("-XX:ActiveProcessorCount=1"), "socketio.enabled=false")).isEqualTo(4);
	}

	@Test
	void aCountThatIsNoPositiveNumberFailsTheStartSayingWhatToChange() {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, "reactor.netty.ioWorkerCount=0");
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		// an application started earlier in this JVM set the system property, which would win over the configuration
		String before = System.clearProperty(EventLoopsEnvironmentPostProcessor.IO_WORKER_COUNT);
		try {
			assertThatIllegalStateException()
				.isThrownBy(() -> new EventLoopsEnvironmentPostProcessor().postProcessEnvironment(environment,
						application))
				.withMessageContaining(
						"'reactor.netty.ioWorkerCount' must be a positive number of event loops, but is '0'");
			assertThat(System.getProperty(EventLoopsEnvironmentPostProcessor.IO_WORKER_COUNT)).isNull();
		}
		finally {
			if (before != null) {
				System.setProperty(EventLoopsEnvironmentPostProcessor.IO_WORKER_COUNT, before);
			}
		}
	}

	private static int serverEventLoops(List<String> jvmOptions, String... properties)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(EventLoopCount.class.getName());
		command.addAll(List.of(properties));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output;
		try {
			output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the application in its own JVM ended").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		Matcher count = COUNT.matcher(output);
		assertThat(count.find()).as("the application printed its event-loop count:%n%s", output).isTrue();
		return Integer.parseInt(count.group(1));
	}

}
