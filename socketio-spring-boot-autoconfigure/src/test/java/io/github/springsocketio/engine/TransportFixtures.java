package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transports over test channels for the engine's unit tests, and reading what they wrote or answered.
 */
final class TransportFixtures {

	private TransportFixtures() {
	}

	/** @return a WebSocket over the channel, its handshake done */
	static WebSocketTransport webSocket(EmbeddedChannel channel) {
		WebSocketTransport webSocket = new WebSocketTransport(channel, false, false, null);
		webSocket.ready();
		return webSocket;
	}

	/**
	 * Has the polling transport hold a poll.
	 * @return where the poll's answer arrives; empty while it waits
	 */
	static AtomicReference<HttpReply> poll(PollingTransport polling, boolean duringUpgrade) {
		AtomicReference<HttpReply> reply = new AtomicReference<>();
		Mono.<HttpReply>create((get) -> polling.hold(get, duringUpgrade)).subscribe(reply::set);
		return reply;
	}

	/** @return the body of the poll's answer, which must have come */
	static String body(AtomicReference<HttpReply> reply) {
		assertThat(reply.get()).isNotNull();
		return reply.get().body().toString(StandardCharsets.UTF_8);
	}

	/** @return the text of the next frame the channel wrote, or {@code null} if it wrote none */
	static @Nullable String nextFrame(EmbeddedChannel channel) {
		ByteBuf frame = channel.readOutbound();
		if (frame == null) {
			return null;
		}
		try {
			return frame.toString(StandardCharsets.UTF_8);
		}
		finally {
			frame.release();
		}
	}

	static InboundPacket packet(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return InboundPacket.decodeText(bytes, 0, bytes.length);
	}

}
