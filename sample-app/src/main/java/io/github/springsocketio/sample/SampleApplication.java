package io.github.springsocketio.sample;

import io.github.springsocketio.autoconfigure.SocketIONode;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The sample application. Without a profile it serves a chat on an in-memory adapter; the {@code conformance}
 * profile adds the endpoints the official protocol suites test.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	/** Every meter tagged with the node id, so that a dashboard of a cluster tells the nodes apart. */
	@Bean
	MeterRegistryCustomizer<MeterRegistry> nodeTag(SocketIONode node) {
		return (registry) -> registry.config().commonTags("node", node.id());
	}

}
