package io.github.springsocketio.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample exposes what an operator needs: the health with its socketio component (also in the readiness group),
 * the Prometheus scrape with the Socket.IO meters tagged by node, and the socketio endpoint.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "socketio.node-id=sample-node")
class SampleObservabilityTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Test
	void theHealthHasTheSocketioComponentAlsoForReadiness() throws Exception {
		assertThat(get("/actuator/health").body()).contains("\"socketio\"").contains("\"nodeId\":\"sample-node\"");
		assertThat(get("/actuator/health/readiness").body()).contains("\"socketio\"");
	}

	@Test
	void prometheusScrapesTheMetersTaggedWithTheNode() throws Exception {
		HttpResponse<String> scrape = get("/actuator/prometheus");

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("socketio_sockets_active{namespace=\"/chat\",node=\"sample-node\"}")
			.contains("engineio_handshake_errors_total{code=\"1\"");
	}

	@Test
	void theSocketioEndpointDescribesTheNode() throws Exception {
		assertThat(get("/actuator/socketio").body()).contains("\"nodeId\":\"sample-node\"").contains("\"/chat\"");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET().build(),
				BodyHandlers.ofString());
	}

}
