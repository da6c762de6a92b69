package io.github.springsocketio.server;

/**
 * Answers an event the client sent with an acknowledgement callback. Only the first answer is sent.
 *
 * <pre>{@code
 * socket.on("add", (args, ack) -> ack.send(args.get(0, Integer.class) + args.get(1, Integer.class)));
 * }</pre>
 */
public interface Ack {

	/** An event that asked for no acknowledgement: answers go nowhere. */
	Ack NONE = new Ack() {

		@Override
		public boolean requested() {
			return false;
		}

		@Override
		public void send(Object... args) {
		}

	};

	/** @return whether the client asked for an acknowledgement */
	boolean requested();

	/**
	 * Sends the acknowledgement, once.
	 * @param args the values the client's callback receives; {@code byte[]} values are sent as binary
	 */
	void send(Object... args);

}
