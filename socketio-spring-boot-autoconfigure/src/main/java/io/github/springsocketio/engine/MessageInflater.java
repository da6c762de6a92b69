package io.github.springsocketio.engine;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;

/**
 * Inflates the client's compressed WebSocket messages (permessage-deflate, RFC 7692) with the JDK's zlib, and stops
 * at the size limit while inflating: a small message that would inflate to gigabytes closes the connection with
 * 1009 after {@code maxMessageSize} bytes, as Node.js's {@code ws} does. (Netty's own decoder inflates a whole frame
 * before anything can count it.)
 *
 * <p>The client's window is kept from message to message (context takeover); a client that resets its own window
 * each message still decodes, since its messages then never refer back.
 */
final class MessageInflater extends MessageToMessageDecoder<WebSocketFrame> {

	/** The end of a sync flush, which the sender strips from every message (RFC 7692, 7.2.1). */
	private static final byte[] TAIL = { 0x00, 0x00, (byte) 0xff, (byte) 0xff };

	private static final int CHUNK = 8192;

	private final Inflater inflater = new Inflater(true);

	private final byte[] chunk = new byte[CHUNK];

	private final long maxMessageSize;

	/** Whether the frames read are the continuation of a compressed message. */
	private boolean inMessage;

	private long inflated;

	MessageInflater(long maxMessageSize) {
		super(WebSocketFrame.class);
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public boolean acceptInboundMessage(Object message) throws Exception {
		if (message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame) {
			return (((WebSocketFrame) message).rsv() & WebSocketExtension.RSV1) != 0;
		}
		return message instanceof ContinuationWebSocketFrame && this.inMessage;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) throws Exception {
		if (!(frame instanceof ContinuationWebSocketFrame)) {
			this.inMessage = true;
			this.inflated = 0;
		}
		else if ((frame.rsv() & WebSocketExtension.RSV1) != 0) {
			throw refuse(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "RSV1 set on a continuation frame");
		}
		ByteBuf output = ctx.alloc().heapBuffer(Math.min(CHUNK, frame.content().readableBytes() * 2 + 16));
		try {
			inflate(frame.content().nioBuffer(), output);
			if (frame.isFinalFragment()) {
				inflate(ByteBuffer.wrap(TAIL), output);
				this.inMessage = false;
			}
		}
		catch (DataFormatException ex) {
			output.release();
			throw refuse(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "invalid compressed data: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			output.release();
			throw ex;
		}
		int rsv = frame.rsv() & ~WebSocketExtension.RSV1;
		if (frame instanceof TextWebSocketFrame) {
			out.add(new TextWebSocketFrame(frame.isFinalFragment(), rsv, output));
		}
		else if (frame instanceof BinaryWebSocketFrame) {
			out.add(new BinaryWebSocketFrame(frame.isFinalFragment(), rsv, output));
		}
		else {
			out.add(new ContinuationWebSocketFrame(frame.isFinalFragment(), rsv, output));
		}
	}

	private void inflate(ByteBuffer input, ByteBuf output) throws DataFormatException {
		this.inflater.setInput(input);
		while (true) {
			int count = this.inflater.inflate(this.chunk);
			if (count > 0) {
				this.inflated += count;
				if (this.inflated > this.maxMessageSize) {
					throw new TooLongFrameException("Compressed WebSocket message inflates past " + this.maxMessageSize
							+ " bytes");
				}
				output.writeBytes(this.chunk, 0, count);
			}
			else if (this.inflater.finished()) {
				// the sender ended its stream (BFINAL); whatever follows starts a new one
				this.inflater.reset();
				if (!input.hasRemaining()) {
					return;
				}
				this.inflater.setInput(input);
			}
			else if (this.inflater.needsDictionary()) {
				throw new DataFormatException("a preset dictionary is not part of permessage-deflate");
			}
			else {
				// needs more input: the rest of the message is in the next frame
				return;
			}
		}
	}

	/** Closes with the status, as the frame decoder does on a protocol violation, and says why to the handlers after. */
	private static CorruptedWebSocketFrameException refuse(ChannelHandlerContext ctx, WebSocketCloseStatus status,
			String reason) {
		if (ctx.channel().isActive()) {
			ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
			ctx.channel().config().setAutoRead(false);
		}
		return new CorruptedWebSocketFrameException(status, reason);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
		this.inflater.end();
		super.handlerRemoved(ctx);
	}

}
