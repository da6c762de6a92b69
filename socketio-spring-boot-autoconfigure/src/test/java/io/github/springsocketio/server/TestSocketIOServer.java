package io.github.springsocketio.server;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.springsocketio.engine.EngineIoOptions;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A {@link SocketIOServer} served by a real Reactor Netty server on {@code 127.0.0.1} and a free port, at the default
 * path {@code /socket.io/}. Closing it closes the Socket.IO server and every connection it accepted.
 */
final class TestSocketIOServer implements AutoCloseable {

	private final SocketIOServer server;

	private final DisposableServer http;

	private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private TestSocketIOServer(SocketIOServer server) {
		this.server = server;
		this.http = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnChannelInit((observer, channel, address) -> this.connections.add(channel))
			.route(server.engine()::registerRoutes)
			.bindNow(Duration.ofSeconds(10));
	}

	/**
	 * Builds a server, lets the test register its namespaces and handlers, then starts serving.
	 * @param engine the Engine.IO options
	 * @param options the Socket.IO options
	 * @param adapterFactory the adapter of each namespace
	 * @param setup registers namespaces, middlewares and handlers before the first client can arrive
	 */
	static TestSocketIOServer start(EngineIoOptions engine, SocketIOOptions options, AdapterFactory adapterFactory,
			Consumer<SocketIOServer> setup) {
		return start(engine, options, adapterFactory, ParserType.DEFAULT, setup);
	}

	/** The same with another wire format. */
	static TestSocketIOServer start(EngineIoOptions engine, SocketIOOptions options, AdapterFactory adapterFactory,
			ParserType parser, Consumer<SocketIOServer> setup) {
		SocketIOServer server = SocketIOServer.builder()
			.engineOptions(engine)
			.options(options)
			.adapterFactory(adapterFactory)
			.parser(parser)
			.build();
		setup.accept(server);
		return new TestSocketIOServer(server);
	}

	SocketIOServer server() {
		return this.server;
	}

	int port() {
		return this.http.port();
	}

	/** @return e.g. {@code http://127.0.0.1:8080} */
	String url() {
		return "http://127.0.0.1:" + port();
	}

	/** @return the URL a client connects to for a namespace, e.g. {@code http://127.0.0.1:8080/chat} */
	String url(String namespace) {
		return "/".equals(namespace) ? url() : url() + namespace;
	}

	@Override
	public void close() {
		this.server.close();
		this.http.disposeNow(Duration.ofSeconds(10));
		this.connections.close().awaitUninterruptibly(10_000);
	}

	@Override
	public String toString() {
		return "TestSocketIOServer[" + url() + "]";
	}

}
