package io.github.springsocketio.engine;

import java.io.IOException;
import java.net.URI;
import java.util.function.UnaryOperator;

import io.github.springsocketio.testing.Resources;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Engine.IO servers and clients for one test and closes all of them after it, servers last.
 *
 * <pre>{@code
 * @RegisterExtension
 * final EngineServerExtension servers = new EngineServerExtension();
 * }</pre>
 */
final class EngineServerExtension implements AfterEachCallback {

	private final Resources resources = new Resources();

	/** Starts a server with the default options (path {@value TestEngineServer#PATH}) and an echo listener. */
	TestEngineServer start() {
		return start(UnaryOperator.identity());
	}

	TestEngineServer start(UnaryOperator<EngineIoOptions.Builder> options) {
		return start(options, new RecordingListener());
	}

	TestEngineServer start(UnaryOperator<EngineIoOptions.Builder> options, RecordingListener listener) {
		return register(TestEngineServer.start(options, listener));
	}

	PollingClient polling(TestEngineServer server) {
		return new PollingClient(server);
	}

	/** Opens a WebSocket to the endpoint, e.g. {@code EIO=4&transport=websocket}. */
	WebSocketClient webSocket(TestEngineServer server, String query) {
		return register(WebSocketClient.connect(server.webSocketUri(query)));
	}

	/** Opens a raw TCP connection to the server, for what an HTTP client library would not send. */
	RawConnection raw(TestEngineServer server) throws IOException {
		return register(new RawConnection(server.port()));
	}

	RawConnection raw(URI uri) throws IOException {
		return register(new RawConnection(uri.getPort()));
	}

	<T extends AutoCloseable> T register(T resource) {
		return this.resources.add(resource);
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		this.resources.closeAll();
	}

}
