package io.github.springsocketio.sample.loadbalancer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/load-balancers.md} shows the configurations {@link LoadBalancersIT} runs, from the same templates,
 * with the nodes at 10.0.0.1-3:8080 and the balancer on port 80.
 */
class LoadBalancerDocsTests {

	static final Path DOCS = Path.of("..", "docs", "load-balancers.md");

	static final List<String> DOC_NODES = List.of("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080");

	static List<LoadBalancer> stickyBalancers() {
		return LoadBalancer.sticky();
	}

	@ParameterizedTest
	@MethodSource("stickyBalancers")
	void theDocumentationShowsTheTestedConfiguration(LoadBalancer balancer) throws IOException {
		String listen = (balancer.kind == LoadBalancer.Kind.HAPROXY) ? ":80" : "80";
		String shown = balancer.render(listen, DOC_NODES);
		String fence = "```" + balancer.kind.fence + "\n";

		assertThat(Files.readString(DOCS)).as("docs/load-balancers.md shows %s", balancer.file)
			.contains(fence + shown + "```\n");
	}

}
