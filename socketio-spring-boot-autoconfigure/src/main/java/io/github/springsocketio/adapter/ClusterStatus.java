package io.github.springsocketio.adapter;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The state of this node's link to its cluster, as metrics, health checks and the management endpoint report it, for
 * any cluster adapter type. Implemented by the node-wide side of a cluster adapter (its adapter factory). Every method
 * must be cheap, read from memory: health probes and meters call them often.
 */
public interface ClusterStatus {

	/** @return the adapter type, as reported in tags and details, e.g. {@code redis-streams} */
	String type();

	/**
	 * @return how the transport is laid out, read from memory: e.g. {@code standalone}, {@code sentinel} or
	 * {@code cluster, 3 masters} for Redis; {@code null} where there is nothing to tell
	 */
	default @Nullable String topology() {
		return null;
	}

	/** @return the number of server nodes in the cluster when last counted, this one included */
	int serverCount();

	/**
	 * @return how far behind the cluster's log this node reads, in ms: from an entry's creation to its reading; 0 for
	 * a transport without a log
	 */
	long readLagMillis();

	/** @return whether the cluster's broker answered the last command or read */
	boolean isAvailable();

	/** @return since when the broker does not answer (epoch ms), or 0 while it does */
	long unavailableSince();

	/** @return how many broker commands or reads failed since start */
	long errorCount();

	/**
	 * @return each log read (e.g. each stream), with the offset of the last entry read from it ({@code null} before
	 * the first); empty for a transport without a log
	 */
	Map<String, @Nullable String> lastReadIds();

	/**
	 * Adds an observer of the cluster traffic of every namespace of this node; every observer added sees every event
	 * (the meters and an application's own observer side by side), and one added twice is kept once.
	 * @param observer the observer
	 */
	void observe(ClusterObserver observer);

}
