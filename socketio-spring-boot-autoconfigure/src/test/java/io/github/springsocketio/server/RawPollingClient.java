package io.github.springsocketio.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hand-driven HTTP long-polling Engine.IO client: it polls only when told to, so a test controls exactly when the
 * server can write to it (a real client always has a poll waiting), and it sends packets exactly as given.
 */
final class RawPollingClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final Duration TIMEOUT = TestClient.TIMEOUT;

	private final TestSocketIOServer server;

	private String sid;

	RawPollingClient(TestSocketIOServer server) {
		this.server = server;
	}

	/** Opens a session. @return the Engine.IO session id */
	String handshake() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("EIO=4&transport=polling")).GET());
		assertThat(response.statusCode()).as("handshake: %s", response.body()).isEqualTo(200);
		String open = response.body();
		assertThat(open).startsWith("0{");
		this.sid = Json.parse(open.substring(1)).get("sid").asString();
		return this.sid;
	}

	/** Posts packets (Engine.IO encoded, e.g. {@code 40}), joined with the record separator. */
	void post(String... packets) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(sessionUri())
			.POST(HttpRequest.BodyPublishers.ofString(String.join("\u001e", packets), StandardCharsets.UTF_8)));
		assertThat(response.statusCode()).as("POST %s: %s", Arrays.toString(packets), response.body()).isEqualTo(200);
	}

	/** @return the Engine.IO session id, once the handshake is done */
	String sid() {
		return this.sid;
	}

	/** Posts a body as given, with headers as name-value pairs. @return the response, whatever its status */
	HttpResponse<String> postBody(String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(sessionUri())
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/**
	 * Posts a body that the server may refuse from its headers alone: the body is sent only after a {@code 100
	 * Continue}, so that a refusal that closes the connection is read before the body could meet the closed socket.
	 * @return the response, whatever its status
	 */
	HttpResponse<String> postBodyExpectingContinue(String body) {
		return send(HttpRequest.newBuilder(sessionUri())
			.expectContinue(true)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	/** Sends a request of the endpoint with any method and query. @return the response, whatever its status */
	HttpResponse<String> request(String method, String query) {
		return send(HttpRequest.newBuilder(uri(query)).method(method, HttpRequest.BodyPublishers.noBody()));
	}

	/** Polls once. @return the response, whatever its status */
	HttpResponse<String> get() {
		return send(HttpRequest.newBuilder(sessionUri()).GET());
	}

	/**
	 * Polls once with an {@code Accept-Encoding}, keeping the body as it came on the wire.
	 * @return the response, whatever its status
	 */
	HttpResponse<byte[]> getAccepting(String acceptEncoding) {
		try {
			return HTTP.send(HttpRequest.newBuilder(sessionUri()).GET().header("Accept-Encoding", acceptEncoding)
				.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (Exception ex) {
			throw new AssertionError("HTTP request failed", ex);
		}
	}

	/** Polls once. @return the packets of the response */
	List<String> poll() {
		return packets(send(HttpRequest.newBuilder(sessionUri()).GET()));
	}

	/** Starts a poll without waiting for its response. */
	CompletableFuture<HttpResponse<String>> pollAsync() {
		return HTTP.sendAsync(HttpRequest.newBuilder(sessionUri()).GET().timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	static List<String> packets(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("poll: %s", response.body()).isEqualTo(200);
		return List.of(response.body().split("\u001e"));
	}

	private URI sessionUri() {
		return uri("EIO=4&transport=polling&sid=" + this.sid);
	}

	private URI uri(String query) {
		return URI.create(this.server.url() + "/socket.io/?" + query);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new AssertionError("HTTP request failed", ex);
		}
	}

}
