package io.github.springsocketio.adapter;

import io.github.springsocketio.engine.Observers;

/**
 * Hands every cluster event to each of several {@link ClusterObserver}s, in the order they were added, so that the
 * meters and an application's own observer both see what a cluster adapter exchanges.
 */
public final class ClusterObserverChain implements ClusterObserver {

	private final ClusterObserver[] observers;

	private ClusterObserverChain(ClusterObserver[] observers) {
		this.observers = observers;
	}

	/**
	 * @param current what observes now: {@link ClusterObserver#NONE}, one observer or a chain
	 * @param added the observer to add
	 * @return what observes with {@code added} after {@code current}; a single observer is not wrapped, and one
	 * added already is not added again
	 */
	public static ClusterObserver append(ClusterObserver current, ClusterObserver added) {
		if (current == ClusterObserver.NONE) {
			return added;
		}
		ClusterObserver[] existing = (current instanceof ClusterObserverChain chain) ? chain.observers
				: new ClusterObserver[] { current };
		ClusterObserver[] all = Observers.adding(existing, added);
		return (all == existing) ? current : new ClusterObserverChain(all);
	}

	@Override
	public void published(ClusterMessageType type, long nanos, boolean success) {
		for (ClusterObserver observer : this.observers) {
			observer.published(type, nanos, success);
		}
	}

	@Override
	public void received(ClusterMessageType type) {
		for (ClusterObserver observer : this.observers) {
			observer.received(type);
		}
	}

	@Override
	public void requestTimedOut(ClusterMessageType type) {
		for (ClusterObserver observer : this.observers) {
			observer.requestTimedOut(type);
		}
	}

}
