package io.github.springsocketio.adapter;

/**
 * Sees the messages a cluster adapter exchanges with other nodes, for metrics. Must be cheap; every method does
 * nothing by default.
 */
public interface ClusterObserver {

	/** Observes nothing. */
	ClusterObserver NONE = new ClusterObserver() {
	};

	/**
	 * A message was published (or publishing failed).
	 * @param type the message type
	 * @param nanos how long publishing took
	 * @param success whether it was published
	 */
	default void published(ClusterMessageType type, long nanos, boolean success) {
	}

	/**
	 * A message from another node was handled.
	 * @param type the message type
	 */
	default void received(ClusterMessageType type) {
	}

	/**
	 * A request to the other nodes did not get all its responses in time.
	 * @param type the request type
	 */
	default void requestTimedOut(ClusterMessageType type) {
	}

}
