package io.github.springsocketio.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the limits clients went past, in order, as the server reports them to its observers.
 */
final class ExceededLimits implements SocketIOObserver {

	final List<Limit> seen = new CopyOnWriteArrayList<>();

	@Override
	public void limitExceeded(Limit limit) {
		this.seen.add(limit);
	}

}
