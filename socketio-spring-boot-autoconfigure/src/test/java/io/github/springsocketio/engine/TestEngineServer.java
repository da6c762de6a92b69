package io.github.springsocketio.engine;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An {@link EngineIoServer} served by a real Reactor Netty server on {@code 127.0.0.1} and a free port, at
 * {@value #PATH}. Closing it closes every connection it accepted.
 */
final class TestEngineServer implements AutoCloseable {

	static final String PATH = "/engine.io/";

	private final EngineIoServer engine;

	private final RecordingListener listener;

	private final DisposableServer server;

	/** Every connection the server accepted and has not closed yet. */
	private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private TestEngineServer(EngineIoOptions options, RecordingListener listener) {
		this.engine = new EngineIoServer(options, listener);
		this.listener = listener;
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnChannelInit((observer, channel, address) -> this.connections.add(channel))
			.route(this.engine::registerRoutes)
			.bindNow(Duration.ofSeconds(5));
	}

	/**
	 * Starts a server.
	 * @param options changes to the default options; the path is already {@value #PATH}
	 * @param listener what receives the sessions' events
	 */
	static TestEngineServer start(UnaryOperator<EngineIoOptions.Builder> options, RecordingListener listener) {
		return new TestEngineServer(options.apply(EngineIoOptions.builder().path(PATH)).build(), listener);
	}

	EngineIoServer engine() {
		return this.engine;
	}

	RecordingListener listener() {
		return this.listener;
	}

	int port() {
		return this.server.port();
	}

	/** @return the number of TCP connections the server has open */
	int openConnections() {
		return this.connections.size();
	}

	/**
	 * The endpoint's URI with a query.
	 * @param query e.g. {@code EIO=4&transport=polling}
	 */
	URI uri(String query) {
		return URI.create("http://127.0.0.1:" + port() + PATH + "?" + query);
	}

	URI webSocketUri(String query) {
		return URI.create("ws://127.0.0.1:" + port() + PATH + "?" + query);
	}

	@Override
	public void close() {
		this.engine.close();
		this.server.disposeNow(Duration.ofSeconds(5));
		this.connections.close().awaitUninterruptibly(5_000);
	}

}
