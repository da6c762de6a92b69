package io.github.springsocketio.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One Socket.IO client on HTTP long-polling only, as a browser runs it: one keep-alive connection for the waiting
 * {@code GET}, another for the {@code POST}s, at most one of each in flight. Packets in a body are split on the
 * record separator; pings are answered, acks ({@code 43<id>}) go to the {@link Listener}. Confined to one event loop.
 */
public final class PollingClient {

	/** What a scenario does with the client's packets; called on the event loop. */
	public interface Listener {

		default void onConnected(PollingClient client) {
		}

		default void onAck(PollingClient client, long id) {
		}

		default void onClosed(PollingClient client) {
		}

	}

	private static final byte SEPARATOR = 0x1E;

	private final Net net;

	private final String host;

	private final int port;

	private final Listener listener;

	/** The {@code Accept-Encoding} of every request, {@code null} for none (the server then never compresses). */
	private final String acceptEncoding;

	private String sid;

	private Channel getChannel;

	private Channel postChannel;

	private boolean connected;

	private boolean closed;

	private boolean postInFlight;

	private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();

	/** Scenario state, owned by the scenario. */
	public long sentAtNanos;

	/** Scenario state, owned by the scenario. */
	public long nextAckId = 1;

	/** Scenario state, owned by the scenario. */
	public boolean busy;

	/** Responses that came with {@code Content-Encoding: gzip} or {@code deflate}. */
	public long compressedResponses;

	/** Responses of at least {@value #LARGE_RESPONSE} bytes that came as they are. */
	public long largePlainResponses;

	/** Node's and our compression threshold: a response this large is compressed when the client accepts it. */
	public static final int LARGE_RESPONSE = 1024;

	public PollingClient(Net net, String host, int port, Listener listener) {
		this(net, host, port, listener, null);
	}

	/**
	 * A client whose requests carry {@code Accept-Encoding: acceptEncoding} (unless {@code null}); the answers are
	 * inflated before they are read.
	 */
	public PollingClient(Net net, String host, int port, Listener listener, String acceptEncoding) {
		this.net = net;
		this.host = host;
		this.port = port;
		this.listener = listener;
		this.acceptEncoding = acceptEncoding;
	}

	public boolean isConnected() {
		return this.connected;
	}

	/** Starts the handshake; call on the event loop. */
	public void start() {
		open(true, (channel) -> get(channel, "/socket.io/?EIO=4&transport=polling"));
	}

	/** Queues one Engine.IO packet for the next POST. */
	public void send(byte[] packet) {
		if (this.closed) {
			return;
		}
		this.outbox.add(packet);
		post();
	}

	/** Queues {@code prefix + id + body} as one packet, e.g. an event asking for acknowledgement {@code id}. */
	public void send(byte[] prefix, long id, byte[] body) {
		byte[] digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
		byte[] packet = new byte[prefix.length + digits.length + body.length];
		System.arraycopy(prefix, 0, packet, 0, prefix.length);
		System.arraycopy(digits, 0, packet, prefix.length, digits.length);
		System.arraycopy(body, 0, packet, prefix.length + digits.length, body.length);
		send(packet);
	}

	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.getChannel != null) {
			this.getChannel.close();
		}
		if (this.postChannel != null) {
			this.postChannel.close();
		}
		this.listener.onClosed(this);
	}

	private void poll() {
		if (this.closed) {
			return;
		}
		String uri = "/socket.io/?EIO=4&transport=polling&sid=" + this.sid;
		if (this.getChannel != null && this.getChannel.isActive()) {
			get(this.getChannel, uri);
		}
		else {
			open(true, (channel) -> get(channel, uri));
		}
	}

	private void post() {
		if (this.postInFlight || this.outbox.isEmpty() || this.sid == null || this.closed) {
			return;
		}
		this.postInFlight = true;
		if (this.postChannel != null && this.postChannel.isActive()) {
			writePost(this.postChannel);
		}
		else {
			open(false, this::writePost);
		}
	}

	private void writePost(Channel channel) {
		int size = this.outbox.size() - 1;
		for (byte[] packet : this.outbox) {
			size += packet.length;
		}
		ByteBuf body = channel.alloc().buffer(size);
		boolean first = true;
		for (byte[] packet : this.outbox) {
			if (!first) {
				body.writeByte(SEPARATOR);
			}
			body.writeBytes(packet);
			first = false;
		}
		this.outbox.clear();
		FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
				"/socket.io/?EIO=4&transport=polling&sid=" + this.sid, body);
		request.headers()
			.set(HttpHeaderNames.HOST, this.host + ":" + this.port)
			.set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8")
			.set(HttpHeaderNames.CONTENT_LENGTH, size);
		acceptEncoding(request);
		channel.writeAndFlush(request, channel.voidPromise());
	}

	private void get(Channel channel, String uri) {
		FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
		request.headers().set(HttpHeaderNames.HOST, this.host + ":" + this.port);
		acceptEncoding(request);
		channel.writeAndFlush(request, channel.voidPromise());
	}

	private void acceptEncoding(FullHttpRequest request) {
		if (this.acceptEncoding != null) {
			request.headers().set(HttpHeaderNames.ACCEPT_ENCODING, this.acceptEncoding);
		}
	}

	private void open(boolean forGet, java.util.function.Consumer<Channel> then) {
		this.net.connect(this.host, this.port, new ChannelInitializer<Channel>() {
			@Override
			protected void initChannel(Channel ch) {
				ch.pipeline().addLast(new HttpClientCodec());
				if (PollingClient.this.acceptEncoding != null) {
					ch.pipeline().addLast(new Encodings()).addLast(new HttpContentDecompressor(0));
				}
				ch.pipeline()
					.addLast(new HttpObjectAggregator(10 * 1024 * 1024))
					.addLast(new Responses(forGet));
			}
		}).addListener((ChannelFutureListener) (future) -> {
			if (!future.isSuccess()) {
				close();
				return;
			}
			if (forGet) {
				this.getChannel = future.channel();
			}
			else {
				this.postChannel = future.channel();
			}
			then.accept(future.channel());
		});
	}

	private void onGetResponse(FullHttpResponse response) {
		if (response.status().code() != 200) {
			close();
			return;
		}
		ByteBuf body = response.content();
		int start = body.readerIndex();
		int end = body.writerIndex();
		int packetStart = start;
		for (int i = start; i <= end; i++) {
			if (i == end || body.getByte(i) == SEPARATOR) {
				onPacket(body, packetStart, i - packetStart);
				packetStart = i + 1;
			}
		}
		poll();
	}

	private void onPacket(ByteBuf body, int index, int length) {
		if (length == 0 || this.closed) {
			return;
		}
		byte type = body.getByte(index);
		switch (type) {
			case '0' -> {
				String open = body.toString(index + 1, length - 1, StandardCharsets.UTF_8);
				int at = open.indexOf("\"sid\":\"") + 7;
				this.sid = open.substring(at, open.indexOf('"', at));
				send(new byte[] { '4', '0' });
			}
			case '2' -> send(new byte[] { '3' });
			case '1' -> close();
			case '4' -> {
				if (length < 2) {
					return;
				}
				byte sio = body.getByte(index + 1);
				if (sio == '0' && !this.connected) {
					this.connected = true;
					this.listener.onConnected(this);
				}
				else if (sio == '3') {
					long id = 0;
					for (int i = index + 2; i < index + length; i++) {
						byte digit = body.getByte(i);
						if (digit < '0' || digit > '9') {
							break;
						}
						id = id * 10 + (digit - '0');
					}
					this.listener.onAck(this, id);
				}
				else if (sio == '4' || sio == '1') {
					close();
				}
			}
			default -> {
			}
		}
	}

	private void onPostResponse(FullHttpResponse response) {
		this.postInFlight = false;
		if (response.status().code() != 200) {
			close();
			return;
		}
		post();
	}

	/** Counts the answers that came compressed, before the decompressor takes their encoding off. */
	private final class Encodings extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpResponse response) {
				String encoding = response.headers().get(HttpHeaderNames.CONTENT_ENCODING);
				if (encoding != null && (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("deflate"))) {
					PollingClient.this.compressedResponses++;
				}
				else if (HttpUtil.getContentLength(response, 0L) >= LARGE_RESPONSE) {
					PollingClient.this.largePlainResponses++;
				}
			}
			ctx.fireChannelRead(msg);
		}

	}

	private final class Responses extends SimpleChannelInboundHandler<FullHttpResponse> {

		private final boolean forGet;

		Responses(boolean forGet) {
			this.forGet = forGet;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
			if (this.forGet) {
				onGetResponse(response);
			}
			else {
				onPostResponse(response);
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			// a keep-alive connection the server closed while idle is reopened on the next request; one that closes
			// while its request is in flight ends the client
			if (!this.forGet && PollingClient.this.postInFlight && ctx.channel() == PollingClient.this.postChannel) {
				close();
			}
			else if (this.forGet && ctx.channel() == PollingClient.this.getChannel && !PollingClient.this.closed) {
				close();
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
