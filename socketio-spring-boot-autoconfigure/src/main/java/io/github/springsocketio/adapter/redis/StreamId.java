package io.github.springsocketio.adapter.redis;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The id of a stream entry, {@code <ms>-<seq>}, ordered as Redis orders them: a recovery offset as clients present it.
 * @param millis the time part
 * @param sequence the sequence part
 */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {

	private static final Pattern FORMAT = Pattern.compile("^[0-9]+-[0-9]+$");

	/**
	 * Reads an id a client sent.
	 * @param text the id
	 * @return the id, or {@code null} when it is not {@code <digits>-<digits>} or overflows (never an entry's id)
	 */
	static @Nullable StreamId parse(String text) {
		if (!FORMAT.matcher(text).matches()) {
			return null;
		}
		int dash = text.indexOf('-');
		try {
			return new StreamId(Long.parseLong(text, 0, dash, 10), Long.parseLong(text, dash + 1, text.length(), 10));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** @return the smallest id after this one: an exclusive range start that works before Redis 6.2 */
	StreamId next() {
		return (this.sequence == Long.MAX_VALUE) ? new StreamId(this.millis + 1, 0)
				: new StreamId(this.millis, this.sequence + 1);
	}

	@Override
	public int compareTo(StreamId other) {
		int byMillis = Long.compare(this.millis, other.millis);
		return (byMillis != 0) ? byMillis : Long.compare(this.sequence, other.sequence);
	}

	@Override
	public String toString() {
		return this.millis + "-" + this.sequence;
	}

}
