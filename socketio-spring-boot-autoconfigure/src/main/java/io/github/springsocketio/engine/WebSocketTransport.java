package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.websocket.WebsocketInbound;

/**
 * The WebSocket side of a session: one Engine.IO packet per WebSocket message.
 *
 * <p>Frames are read and written straight on the Netty channel: a handler placed before Reactor Netty's bridge
 * decodes each message and hands the packets of one read to the session in one task (so a probe and an upgrade sent
 * together are handled together, ahead of any request that arrived meanwhile on another connection); writes wrap the
 * packets' shared bytes and are flushed once per batch.
 */
final class WebSocketTransport {

	private static final Log logger = LogFactory.getLog(WebSocketTransport.class);

	private static final long STALE_ANSWER_DELAY_MS = 20;

	private final Channel channel;

	/** Binary as {@code b} and base64 in text frames, for a client that asked with {@code b64} in its query. */
	private final boolean base64;

	/** Engine.IO v3: binary frames start with the packet type byte, base64 text with {@code b4}. */
	private final boolean v3;

	/** The permessage-deflate extension agreed with the client, {@code null} when none was. */
	private final PerMessageDeflate.@Nullable Agreed deflate;

	// Confined to the channel's event loop: the WebSocket handshake may still be under way when the session decides
	// to close this transport, and no frame may be written before the 101 response.
	private boolean ready;

	private boolean closeRequested;

	WebSocketTransport(Channel channel, boolean base64, boolean v3, PerMessageDeflate.@Nullable Agreed deflate) {
		this.channel = channel;
		this.base64 = base64;
		this.v3 = v3;
		this.deflate = deflate;
	}

	/** The handshake is done: frames may flow. Called on the channel's event loop. */
	void ready() {
		this.ready = true;
		if (this.closeRequested) {
			closeNow(WebSocketCloseStatus.NORMAL_CLOSURE);
		}
	}

	/**
	 * Writes packets as already encoded WebSocket frames (a plain buffer passes the frame encoder untouched) and
	 * flushes once. The frame bytes are shared with every other recipient of the same packets.
	 */
	void write(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			this.channel.write(message(packet), this.channel.voidPromise());
		}
		this.channel.flush();
	}

	void write(EnginePacket packet) {
		this.channel.writeAndFlush(message(packet), this.channel.voidPromise());
	}

	/**
	 * The message of a packet: a frame for the compressor when permessage-deflate applies to it, else the encoded
	 * bytes, which pass the compressor untouched.
	 */
	private Object message(EnginePacket packet) {
		boolean asText = packet.isBinary() && this.base64;
		boolean v3Binary = packet.isBinary() && this.v3;
		if (this.deflate != null && packet.compress()) {
			byte[] payload = asText ? base64(packet.bytes()) : v3Binary ? typed(packet.bytes()) : packet.bytes();
			if (this.deflate.applies(payload.length)) {
				ByteBuf content = Unpooled.wrappedBuffer(payload);
				return (packet.isBinary() && !asText) ? new BinaryWebSocketFrame(content) : new TextWebSocketFrame(content);
			}
		}
		if (asText) {
			return Unpooled.wrappedBuffer(EnginePacket.frame(0x1, base64(packet.bytes())));
		}
		if (v3Binary) {
			return Unpooled.wrappedBuffer(EnginePacket.frame(0x2, typed(packet.bytes())));
		}
		return Unpooled.wrappedBuffer(packet.webSocketFrame());
	}

	private byte[] base64(byte[] data) {
		return this.v3 ? PollingPayloadV3.base64(data).getBytes(StandardCharsets.US_ASCII) : PollingPayload.base64(data);
	}

	/** An Engine.IO v3 binary frame: the message type byte, then the data. */
	private static byte[] typed(byte[] data) {
		byte[] frame = new byte[data.length + 1];
		frame[0] = EnginePacket.MESSAGE - '0';
		System.arraycopy(data, 0, frame, 1, data.length);
		return frame;
	}

	/**
	 * Runs a task once the writes already issued on this WebSocket have gone out, and a little later still. Answers
	 * given on other connections (a poll refused after the upgrade) then reach the client after what this socket sent
	 * before them, as they do from a single-threaded server.
	 */
	void afterPendingWrites(Runnable task) {
		this.channel.eventLoop().schedule(task, STALE_ANSWER_DELAY_MS, TimeUnit.MILLISECONDS);
	}

	/** @return the event loop of the WebSocket's channel, where its reads and writes happen */
	EventLoop eventLoop() {
		return this.channel.eventLoop();
	}

	/** @return whether the channel takes more data without queueing past its high-water mark */
	boolean writableNow() {
		return this.channel.isWritable();
	}

	/** @return the bytes written but not yet handed to the socket */
	long pendingBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
	}

	void close() {
		if (this.channel.eventLoop().inEventLoop()) {
			closeWhenReady();
		}
		else {
			this.channel.eventLoop().execute(this::closeWhenReady);
		}
	}

	/**
	 * Drops the connection at once, without a close frame: a close frame would wait behind the data the client does
	 * not read, and keep the connection and its buffers.
	 */
	void abort() {
		this.channel.eventLoop().execute(this.channel::close);
	}

	private void closeWhenReady() {
		if (this.ready) {
			closeNow(WebSocketCloseStatus.NORMAL_CLOSURE);
		}
		else {
			this.closeRequested = true;
		}
	}

	private void closeNow(WebSocketCloseStatus status) {
		if (this.channel.isActive()) {
			this.channel.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
		}
	}

	/**
	 * Starts reading the client's messages into the session. Called on the channel's event loop once the handshake
	 * is done.
	 * @return completes when the connection is gone
	 */
	Mono<Void> receive(WebsocketInbound inbound, Session session, int maxMessageSize) {
		forgetHandshakeHeaders(inbound);
		FrameReader reader = new FrameReader(session);
		PerMessageDeflate.Agreed agreed = this.deflate;
		inbound.withConnection((Connection connection) -> {
			if (agreed != null) {
				// ahead of the guard, which then sees the inflated frames with their compression bit cleared
				connection.addHandlerLast("engineio.deflate", agreed.newEncoder())
					.addHandlerLast("engineio.inflate", agreed.newDecoder());
			}
		});
		inbound.withConnection((Connection connection) -> connection
			.addHandlerLast("engineio.reservedBits", ReservedBitsGuard.INSTANCE)
			.addHandlerLast("engineio.aggregator", new WebSocketFrameAggregator(maxMessageSize))
			.addHandlerLast("engineio.reader", reader));
		// Reactor Netty reads on demand of its own inbound, which the reader bypasses: read as data comes.
		this.channel.config().setAutoRead(true);
		this.channel.read();
		ready();
		return Mono.<Void>create((sink) -> this.channel.closeFuture()
			.addListener((future) -> {
				session.execute(() -> session.onWebSocketClosed(this, reader.failed));
				sink.success();
			}));
	}

	/**
	 * Empties the headers of the upgrade request and of its 101 response, which Reactor Netty keeps for the
	 * connection's life (about half a kilobyte a connection): the session holds its own copy of the request's
	 * ({@link HandshakeRequest}), and nothing reads either once the handshake is done.
	 */
	private static void forgetHandshakeHeaders(WebsocketInbound inbound) {
		inbound.headers().clear();
		if (inbound instanceof HttpServerResponse response) {
			response.responseHeaders().clear();
		}
	}

	/** Decodes the messages of one read and hands them to the session together. */
	private final class FrameReader extends ChannelInboundHandlerAdapter {

		private final Session session;

		/** The packets of the current read; a shared empty list between reads, as most connections are idle. */
		private List<InboundPacket> batch = List.of();

		private @Nullable String invalid;

		volatile boolean failed;

		FrameReader(Session session) {
			this.session = session;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object message) {
			try {
				if (this.failed) {
					// the WebSocket is closing for a protocol violation: nothing after it counts
					return;
				}
				if (this.invalid != null && (message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame)) {
					// the session closes at the first invalid packet; nothing after it counts
				}
				else if (message instanceof TextWebSocketFrame text) {
					ByteBuf content = text.content();
					if (!ByteBufUtil.isText(content, StandardCharsets.UTF_8)) {
						// the whole message, once aggregated: one check rather than a validator in every pipeline
						notUtf8(ctx);
						return;
					}
					try {
						if (content.isReadable() && content.getByte(content.readerIndex()) == 'b') {
							// binary as 'b' and base64, from a client that forces base64 (b64 in its query)
							byte[] bytes = ByteBufUtil.getBytes(content);
							add(WebSocketTransport.this.v3
									? PollingPayloadV3.decodeTextPacket(new String(bytes, StandardCharsets.UTF_8))
									: PollingPayload.decodeOne(bytes, 0, bytes.length));
						}
						else {
							add(InboundPacket.decodeText(content));
						}
					}
					catch (InboundPacket.InvalidPacketException ex) {
						this.invalid = ex.getMessage();
					}
				}
				else if (message instanceof BinaryWebSocketFrame binary) {
					byte[] data = new byte[binary.content().readableBytes()];
					binary.content().getBytes(binary.content().readerIndex(), data);
					if (!WebSocketTransport.this.v3) {
						add(InboundPacket.binaryMessage(data));
					}
					else {
						try {
							add(PollingPayloadV3.decodeBinaryPacket(data, 0, data.length));
						}
						catch (InboundPacket.InvalidPacketException ex) {
							this.invalid = ex.getMessage();
						}
					}
				}
				else if (message instanceof PingWebSocketFrame ping) {
					ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
				}
				else if (message instanceof CloseWebSocketFrame close) {
					WebSocketCloseStatus status = (close.statusCode() >= 0) ? WebSocketCloseStatus.valueOf(close.statusCode())
							: WebSocketCloseStatus.NORMAL_CLOSURE;
					// what came before the close reaches the session before the close does
					deliver();
					closeNow(status);
				}
				else if (!(message instanceof PongWebSocketFrame)) {
					ctx.fireChannelRead(ReferenceCountUtil.retain(message));
				}
			}
			finally {
				ReferenceCountUtil.release(message);
			}
			if (this.session.inEventLoop()) {
				deliver();
			}
		}

		private void add(InboundPacket packet) {
			if (this.batch.isEmpty()) {
				this.batch = new ArrayList<>(2);
			}
			this.batch.add(packet);
		}

		/** Text that is not UTF-8: closed with 1007, as the WebSocket protocol requires; what came before is handled. */
		private void notUtf8(ChannelHandlerContext ctx) {
			this.failed = true;
			logger.debug("WebSocket text message that is not UTF-8; closing it with 1007");
			deliver();
			closeNow(WebSocketCloseStatus.INVALID_PAYLOAD_DATA);
			ctx.channel().config().setAutoRead(false);
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			deliver();
			ctx.fireChannelReadComplete();
		}

		private void deliver() {
			if (this.batch.isEmpty() && this.invalid == null) {
				return;
			}
			long bytes = 0;
			for (InboundPacket packet : this.batch) {
				bytes += packet.data().length;
			}
			this.session.observer().bytesReceived(Transport.WEBSOCKET, bytes);
			// received, not yet handled: counts against the memory budget until the session has handled it
			long held = bytes;
			this.session.memory.add(held);
			List<InboundPacket> packets = this.batch;
			String problem = this.invalid;
			this.batch = List.of();
			this.invalid = null;
			this.session.execute(() -> {
				for (InboundPacket packet : packets) {
					this.session.onInbound(WebSocketTransport.this, packet);
				}
				if (problem != null) {
					this.session.onInvalidPacket(WebSocketTransport.this, problem);
				}
				this.session.memory.add(-held);
			});
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			this.failed = true;
			deliver();
			if (cause instanceof TooLongFrameException) {
				logger.debug("WebSocket message over the size limit; closing it with 1009");
				closeNow(WebSocketCloseStatus.MESSAGE_TOO_BIG);
			}
			else if (cause instanceof CorruptedWebSocketFrameException corrupt) {
				// the decoder has already sent the close frame and closes after it
				logger.debug("WebSocket protocol violation (" + corrupt.closeStatus() + "): " + corrupt.getMessage());
			}
			else {
				logger.debug("WebSocket failed; closing it", cause);
				ctx.close();
			}
		}

	}

}
