package io.github.springsocketio.bench.load;

import java.net.InetSocketAddress;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The load generator's network: one event loop (the generator is pinned to one core, and one loop keeps every
 * scenario's bookkeeping single-threaded), native epoll when available.
 */
public final class Net implements AutoCloseable {

	private final MultiThreadIoEventLoopGroup group;

	private final Class<? extends SocketChannel> channelType;

	public Net() {
		IoHandlerFactory factory = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		this.group = new MultiThreadIoEventLoopGroup(1, factory);
		this.channelType = Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
	}

	public String transport() {
		return Epoll.isAvailable() ? "epoll" : "nio";
	}

	public EventLoop loop() {
		return this.group.next();
	}

	/** Opens a TCP connection to {@code host:port} with {@code handler} as its only handler. */
	public ChannelFuture connect(String host, int port, ChannelHandler handler) {
		return connect(host, port, null, 10_000, handler);
	}

	/**
	 * Opens a TCP connection to {@code host:port} from {@code source} (any port of that address; {@code null}: the
	 * kernel's choice), failing after {@code timeoutMillis}. One source address has one range of ephemeral ports
	 * towards a server: tens of thousands of connections to one server need several (127.0.0.x).
	 */
	public ChannelFuture connect(String host, int port, InetSocketAddress source, int timeoutMillis,
			ChannelHandler handler) {
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(this.channelType)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
			.handler(handler);
		if (source == null) {
			return bootstrap.connect(host, port);
		}
		if (Epoll.isAvailable()) {
			// the port is chosen at connect, unique per destination, rather than at bind, unique per address
			bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
		}
		return bootstrap.connect(new InetSocketAddress(host, port), source);
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
	}

}
