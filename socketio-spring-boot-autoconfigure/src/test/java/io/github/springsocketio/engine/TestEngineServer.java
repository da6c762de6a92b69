package io.github.springsocketio.engine;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

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

	private TestEngineServer(EngineIoOptions options, RecordingListener listener, @Nullable LoopResources loops) {
		this.engine = new EngineIoServer(options, listener);
		this.listener = listener;
		HttpServer server = HttpServer.create();
		if (loops != null) {
			server = server.runOn(loops);
		}
		this.server = server.host("127.0.0.1")
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
		return start(options, listener, null);
	}

	/**
	 * Starts a server on the given event loops instead of Reactor Netty's default ones.
	 * @param loops the loops, e.g. several, so that connections land on different ones
	 */
	static TestEngineServer start(UnaryOperator<EngineIoOptions.Builder> options, RecordingListener listener,
			@Nullable LoopResources loops) {
		return new TestEngineServer(options.apply(EngineIoOptions.builder().path(PATH)).build(), listener, loops);
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

	/** @return the connections the server has open that carry an Engine.IO WebSocket */
	List<Channel> webSocketChannels() {
		return this.connections.stream().filter((channel) -> channel.pipeline().get("engineio.reader") != null).toList();
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
