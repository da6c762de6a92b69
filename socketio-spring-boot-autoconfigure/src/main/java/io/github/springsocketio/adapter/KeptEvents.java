package io.github.springsocketio.adapter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The events a node keeps for connection state recovery, numbered from 1 in the order they were emitted, each with
 * the rooms it was aimed at and the time it was emitted.
 * <p>
 * Events are packed into segments of a few primitive arrays: their JSON bytes (the offset left out: it is the event's
 * number) and their targeting as length-prefixed UTF-8. What is kept outlives the young generation, and a collector
 * copies a segment's arrays at the speed of memory, where it would walk a tree of about 25 objects per event (a chat of
 * 2,000 events/s kept tens of thousands of trees, and copying them doubled the server's young collection pauses).
 * Events whose tree JSON cannot carry unchanged (binary, POJO and big decimal values) are kept as trees beside the
 * bytes.
 * <p>
 * Thread-safe: appends come from every event loop, reads from restoring sockets.
 */
final class KeptEvents {

	/** Events per segment: big enough to make the per-segment objects negligible, small enough to drop often. */
	static final int SEGMENT_SIZE = 1024;

	private final ArrayDeque<Segment> segments = new ArrayDeque<>();

	/** The number of the next event appended. */
	private long next = 1;

	/** The number of the oldest event kept; {@link #next} when none is. */
	private long oldest = 1;

	/**
	 * Numbers an event and keeps it. The event is encoded before the lock is taken: only the numbering and a copy of
	 * its bytes happen under it, so that event loops broadcasting at once hardly wait for each other.
	 * @param data the event's data, left alone
	 * @param rooms the rooms it was aimed at, empty for all
	 * @param except the rooms whose members were left out
	 * @param emittedAt when it was emitted (epoch milliseconds)
	 * @return a copy of the data with the event's offset (its number in base 36) appended as last element
	 */
	ArrayNode append(ArrayNode data, Set<String> rooms, Set<String> except, long emittedAt) {
		Object kept = isPlainJson(data) ? JsonMapper.shared().writeValueAsBytes(data) : data.deepCopy();
		long number;
		synchronized (this) {
			number = this.next++;
			Segment last = this.segments.peekLast();
			if (last == null || last.isFull()) {
				last = new Segment(number);
				this.segments.addLast(last);
			}
			last.add(kept, rooms, except, emittedAt);
		}
		return withOffset(data.deepCopy(), number);
	}

	/** @return the data with the offset of an event number appended as last element */
	private static ArrayNode withOffset(ArrayNode data, long number) {
		data.add(Long.toString(number, 36));
		return data;
	}

	/** @return whether the event with this number is still kept */
	synchronized boolean isKept(long number) {
		return number >= this.oldest && number < this.next;
	}

	/**
	 * The kept events after a number aimed at a socket in these rooms: aimed at all or at one of them, and at none
	 * of them excluded.
	 * @param number the last event the socket got
	 * @param socketRooms the socket's rooms
	 * @return the events' data in emission order
	 */
	List<ArrayNode> after(long number, Set<String> socketRooms) {
		// the slices are taken under the lock, read outside it: a restore reading many events holds up no append
		List<Slice> slices = slicesAfter(number);
		Set<ByteBuffer> rooms = new HashSet<>();
		for (String room : socketRooms) {
			rooms.add(ByteBuffer.wrap(room.getBytes(StandardCharsets.UTF_8)));
		}
		List<ArrayNode> missed = new ArrayList<>();
		for (Slice slice : slices) {
			for (int i = slice.from; i < slice.count; i++) {
				if (slice.isAimedAt(i, rooms)) {
					missed.add(slice.data(i));
				}
			}
		}
		return missed;
	}

	private synchronized List<Slice> slicesAfter(long number) {
		List<Slice> slices = new ArrayList<>();
		for (Segment segment : this.segments) {
			if (segment.first + segment.count - 1 > number) {
				slices.add(segment.slice((int) Math.max(0, Math.max(number + 1, this.oldest) - segment.first)));
			}
		}
		return slices;
	}

	/**
	 * Forgets the events emitted before a time.
	 * @param horizon the time (epoch milliseconds)
	 */
	synchronized void forgetBefore(long horizon) {
		Segment head;
		while ((head = this.segments.peekFirst()) != null) {
			int firstNewer = head.firstEmittedAtOrAfter(horizon);
			this.oldest = head.first + firstNewer;
			if (firstNewer < head.count) {
				return;
			}
			this.segments.removeFirst();
		}
	}

	/** @return how many events are kept */
	synchronized int size() {
		return (int) (this.next - this.oldest);
	}

	/**
	 * Whether JSON carries a tree unchanged: only containers, strings, booleans, nulls and binary numbers.
	 * @param node the tree
	 * @return whether its JSON bytes read back into an equal tree
	 */
	static boolean isPlainJson(JsonNode node) {
		if (node.isContainer()) {
			for (JsonNode child : node) {
				if (!isPlainJson(child)) {
					return false;
				}
			}
			return true;
		}
		return node.isString() || node.isBoolean() || node.isNull() || (node.isNumber() && !node.isBigDecimal());
	}

	/** Up to {@link #SEGMENT_SIZE} consecutive events. */
	private static final class Segment {

		final long first;

		int count;

		private final long[] emittedAt = new long[SEGMENT_SIZE];

		/** Where each event's JSON ends in {@link #json}. */
		private final int[] jsonEnd = new int[SEGMENT_SIZE];

		/** Where each event's targeting ends in {@link #targets}. */
		private final int[] targetsEnd = new int[SEGMENT_SIZE];

		private final Bytes json = new Bytes(8192);

		private final Bytes targets = new Bytes(1024);

		/** The trees of events JSON cannot carry, by index; created for the first such event. */
		private ArrayNode @Nullable [] trees;

		Segment(long first) {
			this.first = first;
		}

		boolean isFull() {
			return this.count == SEGMENT_SIZE;
		}

		/** @param kept the event's JSON bytes, or its tree when JSON would not carry it unchanged */
		void add(Object kept, Set<String> rooms, Set<String> except, long emittedAt) {
			int i = this.count;
			if (kept instanceof byte[] bytes) {
				this.json.write(bytes, 0, bytes.length);
			}
			else {
				if (this.trees == null) {
					this.trees = new ArrayNode[SEGMENT_SIZE];
				}
				this.trees[i] = (ArrayNode) kept;
			}
			this.targets.writeStrings(rooms);
			this.targets.writeStrings(except);
			this.emittedAt[i] = emittedAt;
			this.jsonEnd[i] = this.json.size();
			this.targetsEnd[i] = this.targets.size();
			this.count++;
		}

		/** @return what a reader needs of the events from an index on, as they are now; called under the lock */
		Slice slice(int from) {
			return new Slice(this.first, from, this.count, this.jsonEnd, this.targetsEnd, this.json.array(),
					this.targets.array(), this.trees);
		}

		/** @return the index of the first event emitted at or after a time, {@link #count} when none is */
		int firstEmittedAtOrAfter(long horizon) {
			int i = 0;
			while (i < this.count && this.emittedAt[i] < horizon) {
				i++;
			}
			return i;
		}

	}

	/**
	 * Events {@code from} to {@code count} of a segment. What a slice reads is never written again: a segment only
	 * appends, and a growing array is copied to a new one.
	 */
	private record Slice(long first, int from, int count, int[] jsonEnd, int[] targetsEnd, byte[] json,
			byte[] targets, ArrayNode @Nullable [] trees) {

		/** @return the event's data as it was sent: with its offset, a tree of its own */
		ArrayNode data(int i) {
			ArrayNode data;
			if (this.trees != null && this.trees[i] != null) {
				data = this.trees[i].deepCopy();
			}
			else {
				int start = (i == 0) ? 0 : this.jsonEnd[i - 1];
				data = (ArrayNode) JsonMapper.shared().readTree(this.json, start, this.jsonEnd[i] - start);
			}
			return withOffset(data, this.first + i);
		}

		boolean isAimedAt(int i, Set<ByteBuffer> socketRooms) {
			ByteBuffer targeting = ByteBuffer.wrap(this.targets).position((i == 0) ? 0 : this.targetsEnd[i - 1]);
			int roomCount = targeting.getInt();
			boolean aimed = roomCount == 0;
			for (int r = 0; r < roomCount; r++) {
				aimed |= socketRooms.contains(nextString(targeting));
			}
			int exceptCount = targeting.getInt();
			for (int e = 0; e < exceptCount && aimed; e++) {
				aimed = !socketRooms.contains(nextString(targeting));
			}
			return aimed;
		}

		/** @return a view of the next length-prefixed string, the buffer moved past it */
		private static ByteBuffer nextString(ByteBuffer targeting) {
			int length = targeting.getInt();
			ByteBuffer string = targeting.slice(targeting.position(), length);
			targeting.position(targeting.position() + length);
			return string;
		}

	}

	/** A growing byte array whose bytes are read in place, without the copy {@code toByteArray} makes. */
	private static final class Bytes extends ByteArrayOutputStream {

		Bytes(int capacity) {
			super(capacity);
		}

		/** @return the array the bytes are in, up to {@link #size()}; a new one once it has grown */
		synchronized byte[] array() {
			return this.buf;
		}

		/** Writes the number of strings, then each one's length and UTF-8 bytes. */
		void writeStrings(Set<String> strings) {
			writeInt(strings.size());
			for (String string : strings) {
				byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
				writeInt(utf8.length);
				write(utf8, 0, utf8.length);
			}
		}

		private void writeInt(int value) {
			write(value >>> 24);
			write(value >>> 16);
			write(value >>> 8);
			write(value);
		}

	}

}
