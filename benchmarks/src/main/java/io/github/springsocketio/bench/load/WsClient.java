package io.github.springsocketio.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One Socket.IO client over a raw WebSocket, in as little code and CPU as possible: the upgrade request is written
 * by hand, server frames (never masked) are parsed in place in the received buffer with no frame objects, and only
 * the Engine.IO / Socket.IO packets the scenarios need are understood: open ({@code 0}) is answered with a connect
 * to {@code /} ({@code 40}), pings ({@code 2}) with pongs ({@code 3}), events ({@code 42}) and acks
 * ({@code 43<id>}) go to the {@link Listener}. Given the id of a session opened over polling, it upgrades it instead,
 * as the JavaScript client does by default: {@code 2probe}, {@code 3probe}, {@code 5}, then the connect.
 *
 * <p>Every method runs on the connection's event loop.
 */
public final class WsClient extends ChannelInboundHandlerAdapter {

	/** What a scenario does with a client's packets; called on the event loop. */
	public interface Listener {

		/** The Socket.IO connect to {@code /} was accepted. */
		default void onConnected(WsClient client) {
		}

		/** An event: {@code buf[index, index + length)} is its JSON array, {@code ["name", ...]}. */
		default void onEvent(WsClient client, ByteBuf buf, int index, int length) {
		}

		/** An acknowledgement; {@code buf[index, index + length)} is its JSON array. */
		default void onAck(WsClient client, long id, ByteBuf buf, int index, int length) {
		}

		/** The connection closed or failed, at any stage. */
		default void onClosed(WsClient client, boolean wasConnected) {
		}

	}

	private static final byte[] PONG = { '3' };

	private static final byte[] CONNECT = { '4', '0' };

	private static final byte[] CRLFCRLF = { '\r', '\n', '\r', '\n' };

	private static final byte[] PROBE = "2probe".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] UPGRADE = { '5' };

	private enum State {

		UPGRADING, PROBING, OPENING, CONNECTING, CONNECTED, CLOSED

	}

	private final String host;

	private final int port;

	private final Listener listener;

	/** The session opened over polling that this WebSocket upgrades; {@code null} for a WebSocket-only session. */
	private final String sid;

	private State state = State.UPGRADING;

	private Channel channel;

	private ByteBuf cumulation;

	private boolean reading;

	private boolean flushPending;

	private int mask = ThreadLocalRandom.current().nextInt();

	/** Scenario state, owned by the scenario. */
	public long sentAtNanos;

	/** Scenario state, owned by the scenario. */
	public long startedAtNanos;

	/** Scenario state, owned by the scenario. */
	public long counter;

	/** Scenario state, owned by the scenario. */
	public long nextAckId = 1;

	/** Scenario state, owned by the scenario. */
	public boolean busy;

	/** Engine.IO pings received (each answered with a pong): the server's heartbeats. */
	public long pings;

	public WsClient(String host, int port, Listener listener) {
		this(host, port, listener, null);
	}

	/** A client that upgrades the session {@code sid}, opened over polling, when it is not {@code null}. */
	public WsClient(String host, int port, Listener listener, String sid) {
		this.host = host;
		this.port = port;
		this.listener = listener;
		this.sid = sid;
	}

	public boolean isConnected() {
		return this.state == State.CONNECTED;
	}

	public Channel channel() {
		return this.channel;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.channel = ctx.channel();
		String query = (this.sid != null) ? "EIO=4&transport=websocket&sid=" + this.sid : "EIO=4&transport=websocket";
		String request = "GET /socket.io/?" + query + " HTTP/1.1\r\nHost: " + this.host + ":" + this.port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
		ctx.writeAndFlush(ctx.alloc().buffer(request.length()).writeBytes(request.getBytes(StandardCharsets.US_ASCII)));
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf in = (ByteBuf) msg;
		ByteBuf buf;
		if (this.cumulation != null) {
			this.cumulation.writeBytes(in);
			in.release();
			buf = this.cumulation;
		}
		else {
			buf = in;
		}
		this.reading = true;
		try {
			parse(buf);
		}
		catch (RuntimeException ex) {
			buf.release();
			this.cumulation = null;
			ctx.close();
			return;
		}
		finally {
			this.reading = false;
		}
		if (!buf.isReadable()) {
			buf.release();
			this.cumulation = null;
		}
		else if (buf != this.cumulation) {
			ByteBuf rest = ctx.alloc().buffer(Math.max(1024, buf.readableBytes() * 2));
			rest.writeBytes(buf);
			buf.release();
			this.cumulation = rest;
		}
		else {
			this.cumulation.discardSomeReadBytes();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		if (this.flushPending) {
			this.flushPending = false;
			ctx.flush();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		boolean wasConnected = this.state == State.CONNECTED;
		this.state = State.CLOSED;
		if (this.cumulation != null) {
			this.cumulation.release();
			this.cumulation = null;
		}
		this.listener.onClosed(this, wasConnected);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

	private void parse(ByteBuf buf) {
		if (this.state == State.UPGRADING) {
			int end = indexOf(buf, CRLFCRLF);
			if (end < 0) {
				return;
			}
			// "HTTP/1.1 101 ..."
			if (buf.getByte(buf.readerIndex() + 9) != '1' || buf.getByte(buf.readerIndex() + 10) != '0'
					|| buf.getByte(buf.readerIndex() + 11) != '1') {
				throw new IllegalStateException("upgrade refused");
			}
			buf.readerIndex(end + 4);
			if (this.sid != null) {
				this.state = State.PROBING;
				send(PROBE);
			}
			else {
				this.state = State.OPENING;
			}
		}
		while (buf.readableBytes() >= 2) {
			int start = buf.readerIndex();
			int b0 = buf.getUnsignedByte(start);
			int b1 = buf.getUnsignedByte(start + 1);
			int header = 2;
			long length = b1 & 0x7F;
			if (length == 126) {
				if (buf.readableBytes() < 4) {
					return;
				}
				length = buf.getUnsignedShort(start + 2);
				header = 4;
			}
			else if (length == 127) {
				if (buf.readableBytes() < 10) {
					return;
				}
				length = buf.getLong(start + 2);
				header = 10;
			}
			if ((b1 & 0x80) != 0) {
				throw new IllegalStateException("masked frame from the server");
			}
			if (buf.readableBytes() < header + length) {
				return;
			}
			int payload = start + header;
			buf.readerIndex((int) (payload + length));
			int opcode = b0 & 0x0F;
			switch (opcode) {
				case 1 -> onText(buf, payload, (int) length);
				case 8 -> {
					this.channel.close();
					return;
				}
				case 9 -> sendFrame(0x8A, buf, payload, (int) length);
				default -> {
					// binary attachments, pongs and continuations carry nothing the scenarios use
				}
			}
		}
	}

	private void onText(ByteBuf buf, int index, int length) {
		if (length == 0) {
			return;
		}
		byte type = buf.getByte(index);
		switch (type) {
			case '2' -> {
				this.pings++;
				send(PONG);
			}
			case '3' -> {
				if (this.state == State.PROBING) {
					// the probe's answer: the upgrade packet, then the Socket.IO connect on the WebSocket
					this.state = State.CONNECTING;
					send(UPGRADE);
					send(CONNECT);
				}
			}
			case '0' -> {
				if (this.state == State.OPENING) {
					this.state = State.CONNECTING;
					send(CONNECT);
				}
			}
			case '4' -> {
				if (length < 2) {
					return;
				}
				byte sio = buf.getByte(index + 1);
				if (sio == '2') {
					this.listener.onEvent(this, buf, index + 2, length - 2);
				}
				else if (sio == '3') {
					long id = 0;
					int i = index + 2;
					int end = index + length;
					while (i < end) {
						byte digit = buf.getByte(i);
						if (digit < '0' || digit > '9') {
							break;
						}
						id = id * 10 + (digit - '0');
						i++;
					}
					this.listener.onAck(this, id, buf, i, end - i);
				}
				else if (sio == '0' && this.state == State.CONNECTING) {
					this.state = State.CONNECTED;
					this.listener.onConnected(this);
				}
				else if (sio == '4' || sio == '1') {
					this.channel.close();
				}
			}
			case '1' -> this.channel.close();
			default -> {
			}
		}
	}

	/** Sends one Engine.IO text packet. */
	public void send(byte[] packet) {
		ByteBuf out = frameHeader(packet.length);
		int m = this.mask;
		for (int i = 0; i < packet.length; i++) {
			out.writeByte(packet[i] ^ (m >>> (24 - ((i & 3) << 3))));
		}
		write(out);
	}

	/**
	 * Sends {@code prefix + id + body} as one text packet, e.g. {@code 42} {@code 17} {@code ["echo","..."]}: an
	 * event asking for acknowledgement {@code id}.
	 */
	public void send(byte[] prefix, long id, byte[] body) {
		byte[] digits = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
		int length = prefix.length + digits.length + body.length;
		ByteBuf out = frameHeader(length);
		int m = this.mask;
		int i = 0;
		for (byte b : prefix) {
			out.writeByte(b ^ (m >>> (24 - ((i++ & 3) << 3))));
		}
		for (byte b : digits) {
			out.writeByte(b ^ (m >>> (24 - ((i++ & 3) << 3))));
		}
		for (byte b : body) {
			out.writeByte(b ^ (m >>> (24 - ((i++ & 3) << 3))));
		}
		write(out);
	}

	private ByteBuf frameHeader(int length) {
		ByteBuf out = this.channel.alloc().buffer(length + 14);
		out.writeByte(0x81);
		if (length < 126) {
			out.writeByte(0x80 | length);
		}
		else if (length < 65536) {
			out.writeByte(0x80 | 126);
			out.writeShort(length);
		}
		else {
			out.writeByte(0x80 | 127);
			out.writeLong(length);
		}
		this.mask = this.mask * 1103515245 + 12345;
		out.writeInt(this.mask);
		return out;
	}

	private void sendFrame(int b0, ByteBuf data, int index, int length) {
		ByteBuf out = this.channel.alloc().buffer(length + 6);
		out.writeByte(b0);
		out.writeByte(0x80 | length);
		int m = this.mask;
		out.writeInt(m);
		for (int i = 0; i < length; i++) {
			out.writeByte(data.getByte(index + i) ^ (m >>> (24 - ((i & 3) << 3))));
		}
		write(out);
	}

	private void write(ByteBuf out) {
		if (this.state == State.CLOSED) {
			out.release();
			return;
		}
		if (this.reading) {
			this.channel.write(out, this.channel.voidPromise());
			this.flushPending = true;
		}
		else {
			this.channel.writeAndFlush(out, this.channel.voidPromise());
		}
	}

	public void close() {
		if (this.channel != null) {
			this.channel.close();
		}
	}

	private static int indexOf(ByteBuf buf, byte[] needle) {
		int end = buf.writerIndex() - needle.length;
		outer: for (int i = buf.readerIndex(); i <= end; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (buf.getByte(i + j) != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
