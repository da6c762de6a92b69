package io.github.springsocketio.server;

import java.util.Set;

import io.github.springsocketio.engine.Observers;
import org.jspecify.annotations.Nullable;

/**
 * Hands every event to each of several {@link SocketIOObserver}s, in the order they were added. Built once per
 * {@link SocketIOServer#observe} call, so that passing an event on is a loop over an array: no allocation, no lock.
 */
final class ObserverChain implements SocketIOObserver {

	private final SocketIOObserver[] observers;

	private ObserverChain(SocketIOObserver[] observers) {
		this.observers = observers;
	}

	/**
	 * @param current what observes now: {@link SocketIOObserver#NONE}, one observer or a chain
	 * @param added the observer to add
	 * @return what observes with {@code added} after {@code current}; a single observer is not wrapped, and one
	 * added already is not added again (meters bound twice would count every event twice)
	 */
	static SocketIOObserver append(SocketIOObserver current, SocketIOObserver added) {
		if (current == SocketIOObserver.NONE) {
			return added;
		}
		SocketIOObserver[] existing = (current instanceof ObserverChain chain) ? chain.observers
				: new SocketIOObserver[] { current };
		SocketIOObserver[] all = Observers.adding(existing, added);
		if (all == existing) {
			return current;
		}
		return new ObserverChain(all);
	}

	@Override
	public void socketConnected(Namespace namespace, boolean recovered) {
		for (SocketIOObserver observer : this.observers) {
			observer.socketConnected(namespace, recovered);
		}
	}

	@Override
	public void socketReady(SocketIOSocket socket) {
		for (SocketIOObserver observer : this.observers) {
			observer.socketReady(socket);
		}
	}

	@Override
	public void roomsJoining(SocketIOSocket socket, Set<String> rooms) {
		for (SocketIOObserver observer : this.observers) {
			observer.roomsJoining(socket, rooms);
		}
	}

	@Override
	public void roomLeaving(SocketIOSocket socket, String room) {
		for (SocketIOObserver observer : this.observers) {
			observer.roomLeaving(socket, room);
		}
	}

	@Override
	public void socketDisconnected(Namespace namespace, DisconnectReason reason) {
		for (SocketIOObserver observer : this.observers) {
			observer.socketDisconnected(namespace, reason);
		}
	}

	@Override
	public void connectRefused(@Nullable Namespace namespace, String reason) {
		for (SocketIOObserver observer : this.observers) {
			observer.connectRefused(namespace, reason);
		}
	}

	@Override
	public void eventReceived(SocketIOSocket socket, String event) {
		for (SocketIOObserver observer : this.observers) {
			observer.eventReceived(socket, event);
		}
	}

	@Override
	public void packetsSent(Namespace namespace, int recipients) {
		for (SocketIOObserver observer : this.observers) {
			observer.packetsSent(namespace, recipients);
		}
	}

	@Override
	public void broadcast(Namespace namespace, boolean local) {
		for (SocketIOObserver observer : this.observers) {
			observer.broadcast(namespace, local);
		}
	}

	@Override
	public void ackTimedOut(Namespace namespace) {
		for (SocketIOObserver observer : this.observers) {
			observer.ackTimedOut(namespace);
		}
	}

	@Override
	public void recoveryAttempted(Namespace namespace, boolean recovered) {
		for (SocketIOObserver observer : this.observers) {
			observer.recoveryAttempted(namespace, recovered);
		}
	}

	@Override
	public void limitExceeded(Limit limit) {
		for (SocketIOObserver observer : this.observers) {
			observer.limitExceeded(limit);
		}
	}

}
