package io.github.springsocketio.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw HTTP long-polling client: plain requests with the JDK HTTP client (HTTP/1.1), no Engine.IO logic of its own.
 */
final class PollingClient {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	static final String SEPARATOR = "\u001e";

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Shared by all tests: it keeps no state but pooled connections. */
	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(TIMEOUT)
		.build();

	private final TestEngineServer server;

	PollingClient(TestEngineServer server) {
		this.server = server;
	}

	/** What a polling handshake answered. */
	record Handshake(String sid, JsonNode open, HttpResponse<String> response) {
	}

	Handshake handshake() {
		return handshake("");
	}

	/** Opens a session over polling; fails unless the server answers an open packet. */
	Handshake handshake(String extraQuery) {
		HttpResponse<String> response = send(request("EIO=4&transport=polling" + extraQuery).GET().build());
		assertThat(response.statusCode()).as("handshake status, body %s", response.body()).isEqualTo(200);
		assertThat(response.body()).startsWith("0{");
		JsonNode open = JSON.readTree(response.body().substring(1));
		return new Handshake(open.get("sid").asString(), open, response);
	}

	HttpResponse<String> get(String sid) {
		return send(poll(sid));
	}

	CompletableFuture<HttpResponse<String>> getAsync(String sid) {
		return sendAsync(poll(sid));
	}

	HttpRequest poll(String sid) {
		return request("EIO=4&transport=polling&sid=" + sid).GET().build();
	}

	HttpResponse<String> post(String sid, String body) {
		return send(request("EIO=4&transport=polling&sid=" + sid)
			.header("Content-Type", "text/plain;charset=UTF-8")
			.POST(BodyPublishers.ofString(body))
			.build());
	}

	CompletableFuture<HttpResponse<String>> postAsync(String sid, String body) {
		return sendAsync(request("EIO=4&transport=polling&sid=" + sid)
			.header("Content-Type", "text/plain;charset=UTF-8")
			.POST(BodyPublishers.ofString(body))
			.build());
	}

	/** Posts a message and fails unless the server answers {@code ok}. */
	void send(String sid, String payload) {
		HttpResponse<String> response = post(sid, payload);
		assertThat(response.statusCode()).as("POST %s: %s", payload, response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
	}

	/** A request to the endpoint with a query, bounded by {@link #TIMEOUT}. */
	HttpRequest.Builder request(String query) {
		return HttpRequest.newBuilder(this.server.uri(query)).timeout(TIMEOUT);
	}

	static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
		return HTTP.sendAsync(request, BodyHandlers.ofString());
	}

	/** Waits for an answer that is expected to come. */
	static <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError("no answer within " + TIMEOUT, ex);
		}
	}

	/** Splits a polling payload into its packets. */
	static List<String> packets(String body) {
		return Arrays.asList(body.split(SEPARATOR, -1));
	}

	/** Joins packets into a polling payload. */
	static String payload(String... packets) {
		return String.join(SEPARATOR, packets);
	}

}
