package io.github.springsocketio.adapter.redis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/**
 * The end of a stream as one read found it, from a first offset on: shared by every recovery that waited for that
 * read, each taking the entries after its own offset.
 */
final class StreamTail {

	private final List<StreamId> ids;

	private final List<@Nullable MissedEntry> entries;

	/**
	 * @param ids the id of every entry read, in stream order
	 * @param entries for each of them, what a socket may have missed, or {@code null} for an entry none replays
	 */
	StreamTail(List<StreamId> ids, List<@Nullable MissedEntry> entries) {
		if (ids.size() != entries.size()) {
			throw new IllegalArgumentException("One entry per id expected");
		}
		this.ids = ids;
		this.entries = entries;
	}

	/** @return how many entries were read */
	int size() {
		return this.ids.size();
	}

	/**
	 * @param offset an offset at or after where the read started
	 * @return whether the stream still holds the entry: when it was trimmed, what came after it may be lost too
	 */
	boolean contains(StreamId offset) {
		return Collections.binarySearch(this.ids, offset) >= 0;
	}

	/**
	 * @param offset the last offset the socket got, at or after where the read started
	 * @param namespace the socket's namespace
	 * @param rooms the socket's rooms
	 * @return the events it missed after that offset, in order, each with its offset appended
	 */
	List<ArrayNode> missed(StreamId offset, String namespace, Set<String> rooms) {
		int found = Collections.binarySearch(this.ids, offset);
		int from = (found >= 0) ? found + 1 : -found - 1;
		List<ArrayNode> missed = new ArrayList<>();
		for (int i = from; i < this.entries.size(); i++) {
			MissedEntry entry = this.entries.get(i);
			if (entry != null && entry.isFor(namespace, rooms)) {
				missed.add(entry.withOffset());
			}
		}
		return missed;
	}

}
