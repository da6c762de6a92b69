package io.github.springsocketio.server;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.testing.Resources;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts Socket.IO servers and official clients for one test and closes all of them after it: clients first, then
 * servers. The Node.js process hosting the JavaScript clients is shared by the tests of a class (its sockets are
 * closed after each test) and stopped after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SocketIOExtension io = new SocketIOExtension();
 * }</pre>
 */
final class SocketIOExtension implements AfterEachCallback, AfterAllCallback {

	private final Resources resources = new Resources();

	private JsDriver driver;

	/** Starts a server with the default options and the in-memory adapter. */
	TestSocketIOServer start(Consumer<SocketIOServer> setup) {
		return start(UnaryOperator.identity(), SocketIOOptions.defaults(), setup);
	}

	TestSocketIOServer start(UnaryOperator<EngineIoOptions.Builder> engine, Consumer<SocketIOServer> setup) {
		return start(engine, SocketIOOptions.defaults(), setup);
	}

	TestSocketIOServer start(UnaryOperator<EngineIoOptions.Builder> engine, SocketIOOptions options,
			Consumer<SocketIOServer> setup) {
		return start(engine, options, InMemoryAdapter::new, setup);
	}

	TestSocketIOServer start(UnaryOperator<EngineIoOptions.Builder> engine, SocketIOOptions options,
			AdapterFactory adapterFactory, Consumer<SocketIOServer> setup) {
		return register(TestSocketIOServer.start(engine.apply(EngineIoOptions.builder()).build(), options,
				adapterFactory, setup));
	}

	/** Starts a server with another wire format, the default options and the in-memory adapter. */
	TestSocketIOServer start(ParserType parser, Consumer<SocketIOServer> setup) {
		return register(TestSocketIOServer.start(EngineIoOptions.builder().build(), SocketIOOptions.defaults(),
				InMemoryAdapter::new, parser, setup));
	}

	/** Connects a client of the given library to a namespace. */
	TestClient client(ClientKind kind, TestSocketIOServer server, String namespace, ClientOptions options) {
		return switch (kind) {
			case JAVA -> java(server, namespace, options);
			case JAVASCRIPT -> js(server, namespace, options);
		};
	}

	TestClient client(ClientKind kind, TestSocketIOServer server) {
		return client(kind, server, "/", ClientOptions.defaults());
	}

	JavaClient java(TestSocketIOServer server, String namespace, ClientOptions options) {
		return register(JavaClient.connect(java.net.URI.create(server.url()), namespace, options));
	}

	JsClient js(TestSocketIOServer server, String namespace, ClientOptions options) {
		return js(server, namespace, options, JsonNodeFactory.instance.objectNode());
	}

	/** @param extra more {@code socket.io-client} options, e.g. {@code {"reconnection": true}} */
	JsClient js(TestSocketIOServer server, String namespace, ClientOptions options, ObjectNode extra) {
		return driver().connect(server.url(namespace), options, extra);
	}

	/** @return the shared Node.js process hosting the JavaScript clients, started on first use */
	synchronized JsDriver driver() {
		if (this.driver == null || !this.driver.isAlive()) {
			if (this.driver != null) {
				this.driver.close();
			}
			this.driver = JsDriver.start();
		}
		return this.driver;
	}

	RawPollingClient polling(TestSocketIOServer server) {
		return new RawPollingClient(server);
	}

	/** Closes the resource after the test, before those registered earlier. */
	<T extends AutoCloseable> T register(T resource) {
		return this.resources.add(resource);
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		synchronized (this) {
			if (this.driver != null) {
				try {
					if (this.driver.isAlive()) {
						this.driver.reset();
					}
				}
				catch (RuntimeException | AssertionError ex) {
					this.driver.close();
					this.driver = null;
				}
			}
		}
		this.resources.closeAll();
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (this.driver != null) {
			this.driver.close();
			this.driver = null;
		}
	}

}
