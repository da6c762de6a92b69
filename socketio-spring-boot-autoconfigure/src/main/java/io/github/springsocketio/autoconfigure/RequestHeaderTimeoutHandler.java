package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.NettyPipeline;

/**
 * Answers {@code 408} and closes an HTTP/1.1 connection that does not send a complete request head in time, as
 * Node.js does with its {@code headersTimeout}: a client that opens connections and never finishes their headers
 * would otherwise hold them, and their memory, for ever.
 *
 * <p>The clock runs only while the connection waits for a request head: from its start, and from the end of each
 * response to the next head. A request being served (a long-polling GET held until there is something to send) and a
 * WebSocket (the handler leaves the pipeline with the upgrade request) are never timed out by it.
 */
final class RequestHeaderTimeoutHandler extends ChannelDuplexHandler {

	static final String NAME = "socketio.requestHeaderTimeout";

	private static final Log logger = LogFactory.getLog(RequestHeaderTimeoutHandler.class);

	private final long timeoutMillis;

	// confined to the channel's event loop
	private @Nullable ScheduledFuture<?> timer;

	/** Requests read and not answered yet (more than one when a client pipelines them). */
	private int unanswered;

	private RequestHeaderTimeoutHandler(long timeoutMillis) {
		this.timeoutMillis = timeoutMillis;
	}

	/** @return what adds the handler behind the HTTP/1.1 codec of every connection that has one */
	static ChannelPipelineConfigurer on(Duration timeout) {
		long timeoutMillis = timeout.toMillis();
		return (observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, NAME, new RequestHeaderTimeoutHandler(timeoutMillis));
			}
		};
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (ctx.channel().isActive()) {
			start(ctx);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		start(ctx);
		ctx.fireChannelActive();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		cancel();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancel();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		if (message instanceof HttpRequest request) {
			cancel();
			this.unanswered++;
			if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
				ctx.pipeline().remove(this);
			}
		}
		ctx.fireChannelRead(message);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
		if (message instanceof LastHttpContent && !isInterim(message) && --this.unanswered <= 0) {
			this.unanswered = 0;
			start(ctx);
		}
		ctx.write(message, promise);
	}

	/** A {@code 100 Continue} is no answer to the request. */
	private static boolean isInterim(Object message) {
		return message instanceof HttpResponse response
				&& response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
	}

	private void start(ChannelHandlerContext ctx) {
		if (this.timer == null) {
			this.timer = ctx.executor().schedule(() -> expire(ctx), this.timeoutMillis, TimeUnit.MILLISECONDS);
		}
	}

	private void cancel() {
		if (this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
	}

	private void expire(ChannelHandlerContext ctx) {
		this.timer = null;
		if (this.unanswered == 0 && ctx.channel().isActive()) {
			logger.debug("No complete request head from " + ctx.channel().remoteAddress() + " within "
					+ this.timeoutMillis + " ms; answering 408 and closing");
			FullHttpResponse timeout = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
					HttpResponseStatus.REQUEST_TIMEOUT);
			timeout.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE).setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
			ctx.writeAndFlush(timeout).addListener(ChannelFutureListener.CLOSE);
		}
	}

}
