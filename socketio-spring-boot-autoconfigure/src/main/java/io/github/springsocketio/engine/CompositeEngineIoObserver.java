package io.github.springsocketio.engine;

/**
 * Several observers seen as one: each event goes to every observer, in the order they were added.
 */
final class CompositeEngineIoObserver implements EngineIoObserver {

	private final EngineIoObserver[] observers;

	private CompositeEngineIoObserver(EngineIoObserver[] observers) {
		this.observers = observers;
	}

	/**
	 * Adds an observer to those observing so far.
	 * @param current what observes so far: {@link EngineIoObserver#NONE}, one observer, or several
	 * @param added the observer to add; one already there is not added twice (a meter binder bound again)
	 * @return what observes from now on; a new instance, so one that is being called is never changed
	 */
	static EngineIoObserver add(EngineIoObserver current, EngineIoObserver added) {
		if (current == NONE) {
			return added; // one observer is called directly, as cheap as before any composition
		}
		EngineIoObserver[] previous = (current instanceof CompositeEngineIoObserver composite) ? composite.observers
				: new EngineIoObserver[] { current };
		EngineIoObserver[] all = Observers.adding(previous, added);
		if (all == previous) {
			return current;
		}
		return new CompositeEngineIoObserver(all);
	}

	@Override
	public void sessionOpened(Transport transport) {
		for (EngineIoObserver observer : this.observers) {
			observer.sessionOpened(transport);
		}
	}

	@Override
	public void upgradeEnded(boolean success) {
		for (EngineIoObserver observer : this.observers) {
			observer.upgradeEnded(success);
		}
	}

	@Override
	public void sessionClosed(Transport transport, CloseReason reason) {
		for (EngineIoObserver observer : this.observers) {
			observer.sessionClosed(transport, reason);
		}
	}

	@Override
	public void handshakeLimited(AddressLimit limit) {
		for (EngineIoObserver observer : this.observers) {
			observer.handshakeLimited(limit);
		}
	}

	@Override
	public void requestRefused(EngineIoError error) {
		for (EngineIoObserver observer : this.observers) {
			observer.requestRefused(error);
		}
	}

	@Override
	public void bytesReceived(Transport transport, long bytes) {
		for (EngineIoObserver observer : this.observers) {
			observer.bytesReceived(transport, bytes);
		}
	}

	@Override
	public void bytesSent(Transport transport, long bytes) {
		for (EngineIoObserver observer : this.observers) {
			observer.bytesSent(transport, bytes);
		}
	}

	@Override
	public void packetsDropped(int packets) {
		for (EngineIoObserver observer : this.observers) {
			observer.packetsDropped(packets);
		}
	}

}
