package io.github.springsocketio.engine;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Closes a WebSocket with 1002 (protocol error) at the first frame with a reserved bit set, as Node.js's {@code ws}
 * does: no reserved bit has a meaning unless an extension gives it one (Reactor Netty's decoder lets them through
 * because it allows extensions in general). The only extension, permessage-deflate, gives RSV1 a meaning when it is
 * agreed: its decoder then sits ahead of this guard and clears the bit of the frames it inflates, so that only the
 * bits no extension claims reach here.
 */
@ChannelHandler.Sharable
final class ReservedBitsGuard extends ChannelInboundHandlerAdapter {

	static final ReservedBitsGuard INSTANCE = new ReservedBitsGuard();

	private static final Log logger = LogFactory.getLog(ReservedBitsGuard.class);

	private ReservedBitsGuard() {
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		if (!(message instanceof WebSocketFrame frame) || frame.rsv() == 0) {
			ctx.fireChannelRead(message);
			return;
		}
		ReferenceCountUtil.release(message);
		if (ctx.channel().isActive()) {
			logger.debug("WebSocket frame with reserved bits " + frame.rsv() + " that no extension uses; closing with 1002");
			ctx.channel()
				.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR))
				.addListener(ChannelFutureListener.CLOSE);
			// nothing read after the violation counts
			ctx.channel().config().setAutoRead(false);
		}
	}

}
