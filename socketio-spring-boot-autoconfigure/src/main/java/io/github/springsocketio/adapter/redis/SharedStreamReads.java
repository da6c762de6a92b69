package io.github.springsocketio.adapter.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.springsocketio.adapter.ClusterMessageCodec;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.data.redis.connection.stream.ByteBufferRecord;

/**
 * Reads a stream forward for recoveries, one read at a time per stream, each serving every recovery that waited for
 * it: when thousands of clients of a dead node come back at once, the stream is read a few times, not once or more
 * per client.
 *
 * <p>A read starts at the smallest offset among the recoveries waiting when it starts and goes on to the end of the
 * stream with {@code XRANGE} pages; each of them then takes the entries after its own offset. A recovery asked for
 * while a read is under way waits for the next one: entries added since the current one started may be for it.
 */
final class SharedStreamReads {

	/** The entries one {@code XRANGE} returns at most. */
	static final int PAGE = 1000;

	/** The pages one read goes through at most: a stream written faster than it is read still ends a read. */
	static final int MAX_PAGES = 100;

	private final RedisCommands commands;

	private final ClusterMessageCodec codec;

	private final Map<String, Reads> streams = new ConcurrentHashMap<>();

	SharedStreamReads(RedisCommands commands, ClusterMessageCodec codec) {
		this.commands = commands;
		this.codec = codec;
	}

	/**
	 * Reads a stream from an offset to its end, together with the other recoveries waiting. Work starts on
	 * subscription: the read that serves it starts then, or once the read under way ended.
	 * @param stream the stream
	 * @param offset the first offset wanted
	 * @return the stream from that offset (or an earlier one) on, as a read started after this call found it
	 */
	Mono<StreamTail> from(String stream, StreamId offset) {
		return Mono.create((sink) -> this.streams.computeIfAbsent(stream, Reads::new).add(new Waiting(offset, sink)));
	}

	/** The reads of one stream and the recoveries waiting for the next one. */
	private final class Reads {

		private final String stream;

		private List<Waiting> waiting = new ArrayList<>();

		private boolean reading;

		Reads(String stream) {
			this.stream = stream;
		}

		void add(Waiting recovery) {
			synchronized (this) {
				this.waiting.add(recovery);
				if (this.reading) {
					return;
				}
				this.reading = true;
			}
			readForWaiting();
		}

		private void readForWaiting() {
			List<Waiting> served;
			synchronized (this) {
				if (this.waiting.isEmpty()) {
					this.reading = false;
					return;
				}
				served = this.waiting;
				this.waiting = new ArrayList<>();
			}
			StreamId from = served.get(0).offset;
			for (Waiting recovery : served) {
				from = (recovery.offset.compareTo(from) < 0) ? recovery.offset : from;
			}
			read(from).subscribe((tail) -> served.forEach((recovery) -> recovery.sink.success(tail)),
					(error) -> {
						served.forEach((recovery) -> recovery.sink.error(error));
						readForWaiting();
					}, this::readForWaiting);
		}

		private Mono<StreamTail> read(StreamId from) {
			List<StreamId> ids = new ArrayList<>();
			List<@Nullable MissedEntry> entries = new ArrayList<>();
			return page(from, ids, entries, 0).then(Mono.fromSupplier(() -> new StreamTail(ids, entries)));
		}

		private Mono<Void> page(StreamId from, List<StreamId> ids, List<@Nullable MissedEntry> entries, int pages) {
			if (pages >= MAX_PAGES) {
				return Mono.empty();
			}
			return SharedStreamReads.this.commands.range(this.stream, from.toString(), null, PAGE)
				.collectList()
				.flatMap((records) -> {
					StreamId last = null;
					for (ByteBufferRecord record : records) {
						String id = record.getId().getValue();
						StreamId parsed = StreamId.parse(id);
						if (parsed != null) {
							ids.add(parsed);
							entries.add(MissedEntry.of(SharedStreamReads.this.codec, id, StreamReader.fields(record)));
							last = parsed;
						}
					}
					return (records.size() < PAGE || last == null) ? Mono.empty()
							: page(last.next(), ids, entries, pages + 1);
				});
		}

	}

	private record Waiting(StreamId offset, MonoSink<StreamTail> sink) {
	}

}
