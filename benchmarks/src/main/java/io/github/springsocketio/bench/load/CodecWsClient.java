package io.github.springsocketio.bench.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;

/**
 * One Socket.IO client on Netty's WebSocket codec, which, unlike {@link WsClient}, can negotiate permessage-deflate
 * (RFC 7692) as browsers do: with {@code deflate} it offers the extension and, once accepted, compresses every text
 * message it sends and inflates the server's compressed ones. Without it the same codec sends and reads plain
 * frames, so that the difference between the two is the cost of compression alone. It answers the open packet with
 * a connect to {@code /} and pings with pongs; acks ({@code 43<id>}) go to the {@link Listener}.
 *
 * <p>Every method runs on the connection's event loop.
 */
public final class CodecWsClient {

	/** What a scenario does with a client's packets; called on the event loop. */
	public interface Listener {

		default void onConnected(CodecWsClient client) {
		}

		default void onAck(CodecWsClient client, long id) {
		}

		default void onClosed(CodecWsClient client) {
		}

	}

	private static final int MAX_MESSAGE = 10 * 1024 * 1024;

	private final Net net;

	private final String host;

	private final int port;

	private final boolean deflate;

	private final Listener listener;

	private Channel channel;

	private boolean connected;

	private boolean closed;

	/** The {@code Sec-WebSocket-Extensions} header of the server's 101 answer, {@code ""} when absent. */
	private String extensions = "";

	/** Scenario state, owned by the scenario. */
	public long sentAtNanos;

	/** Scenario state, owned by the scenario. */
	public long nextAckId = 1;

	public CodecWsClient(Net net, String host, int port, boolean deflate, Listener listener) {
		this.net = net;
		this.host = host;
		this.port = port;
		this.deflate = deflate;
		this.listener = listener;
	}

	public boolean isConnected() {
		return this.connected;
	}

	/** @return the extensions the server accepted in its handshake answer, {@code ""} for none */
	public String extensions() {
		return this.extensions;
	}

	/** Opens the connection and the handshake; call on the event loop. */
	public void start() {
		URI uri = URI.create("ws://" + this.host + ":" + this.port + "/socket.io/?EIO=4&transport=websocket");
		this.net.connect(this.host, this.port, new ChannelInitializer<Channel>() {
			@Override
			protected void initChannel(Channel ch) {
				CodecWsClient.this.channel = ch;
				ch.pipeline().addLast(new HttpClientCodec()).addLast(new HttpObjectAggregator(64 * 1024));
				ch.pipeline().addLast(new HandshakeAnswer());
				if (CodecWsClient.this.deflate) {
					ch.pipeline().addLast(new WebSocketClientCompressionHandler(MAX_MESSAGE));
				}
				ch.pipeline()
					.addLast(new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
							WebSocketVersion.V13, null, CodecWsClient.this.deflate, new DefaultHttpHeaders(),
							MAX_MESSAGE)))
					.addLast(new Packets());
			}
		}).addListener((ChannelFutureListener) (future) -> {
			if (!future.isSuccess()) {
				close();
			}
		});
	}

	/** Sends {@code prefix + id + body} as one text message, e.g. an event asking for acknowledgement {@code id}. */
	public void send(byte[] prefix, long id, byte[] body) {
		if (this.closed || this.channel == null) {
			return;
		}
		byte[] digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
		ByteBuf out = this.channel.alloc().buffer(prefix.length + digits.length + body.length);
		out.writeBytes(prefix).writeBytes(digits).writeBytes(body);
		this.channel.writeAndFlush(new TextWebSocketFrame(out), this.channel.voidPromise());
	}

	private void sendText(String packet) {
		this.channel.writeAndFlush(new TextWebSocketFrame(packet), this.channel.voidPromise());
	}

	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.connected = false;
		if (this.channel != null) {
			this.channel.close();
		}
		this.listener.onClosed(this);
	}

	private void onPacket(ByteBuf text) {
		int index = text.readerIndex();
		int length = text.readableBytes();
		if (length == 0) {
			return;
		}
		switch (text.getByte(index)) {
			case '0' -> sendText("40");
			case '2' -> sendText("3");
			case '1' -> close();
			case '4' -> {
				if (length < 2) {
					return;
				}
				byte sio = text.getByte(index + 1);
				if (sio == '0' && !this.connected) {
					this.connected = true;
					this.listener.onConnected(this);
				}
				else if (sio == '3') {
					long id = 0;
					for (int i = index + 2; i < index + length; i++) {
						byte digit = text.getByte(i);
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

	/** Notes the extensions of the server's handshake answer on its way to the codec. */
	private final class HandshakeAnswer extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof FullHttpResponse response) {
				String header = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
				CodecWsClient.this.extensions = (header != null) ? header : "";
			}
			ctx.fireChannelRead(msg);
		}

	}

	/** The Engine.IO packets, one per text message. */
	private final class Packets extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			try {
				if (msg instanceof TextWebSocketFrame frame) {
					onPacket(frame.content());
				}
			}
			finally {
				io.netty.util.ReferenceCountUtil.release(msg);
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			close();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

}
