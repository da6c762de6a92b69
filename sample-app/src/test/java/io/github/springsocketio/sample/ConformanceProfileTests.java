package io.github.springsocketio.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code conformance} profile serves what the official protocol suites expect: a raw Engine.IO echo endpoint at
 * {@code /engine.io/} with a 300 ms ping interval and a 200 ms ping timeout.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("conformance")
class ConformanceProfileTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Test
	void theEngineIoEndpointHasTheSuitesTimings() throws Exception {
		HttpResponse<String> handshake = send(request("EIO=4&transport=polling").GET());

		assertThat(handshake.statusCode()).isEqualTo(200);
		JsonNode open = JsonMapper.builder().build().readTree(handshake.body().substring(1));
		assertThat(open.get("pingInterval").asInt()).isEqualTo(300);
		assertThat(open.get("pingTimeout").asInt()).isEqualTo(200);
		assertThat(open.get("maxPayload").asInt()).isEqualTo(1_000_000);
		assertThat(open.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
	}

	@Test
	void everyMessageIsEchoed() throws Exception {
		HttpResponse<String> handshake = send(request("EIO=4&transport=polling").GET());
		String sid = JsonMapper.builder().build().readTree(handshake.body().substring(1)).get("sid").asString();

		HttpResponse<String> post = send(request("EIO=4&transport=polling&sid=" + sid)
			.POST(BodyPublishers.ofString("4hello\u001ebAQID")));
		assertThat(post.body()).isEqualTo("ok");

		// pings (every 300 ms) may come first: answer them and read on until both echoes are in
		List<String> echoes = new ArrayList<>();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (echoes.size() < 2 && System.nanoTime() < deadline) {
			HttpResponse<String> poll = send(request("EIO=4&transport=polling&sid=" + sid).GET());
			assertThat(poll.statusCode()).isEqualTo(200);
			for (String packet : poll.body().split("\u001e")) {
				if (packet.equals("2")) {
					send(request("EIO=4&transport=polling&sid=" + sid).POST(BodyPublishers.ofString("3")));
				}
				else {
					echoes.add(packet);
				}
			}
		}
		assertThat(echoes).containsExactly("4hello", "bAQID");
	}

	@Test
	void theOriginIsAllowedForAnyone() throws Exception {
		HttpResponse<String> handshake = send(request("EIO=4&transport=polling").header("Origin", "http://suite.example").GET());

		assertThat(handshake.headers().firstValue("access-control-allow-origin")).hasValue("*");
	}

	private HttpRequest.Builder request(String query) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/engine.io/?" + query))
			.timeout(TIMEOUT);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return HTTP.send(request.build(), BodyHandlers.ofString());
	}

}
