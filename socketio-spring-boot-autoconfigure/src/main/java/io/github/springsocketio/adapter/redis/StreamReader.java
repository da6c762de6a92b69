package io.github.springsocketio.adapter.redis;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteBufferRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;

/**
 * The {@code XREAD BLOCK} loop of one stream, on a connection of its own. It starts after the stream's current last
 * entry, resumes from the last entry it read after any failure (so entries added meanwhile are delivered once), backs
 * off while Redis is away, and starts over from the new stream's end if Redis came back without the old one.
 */
final class StreamReader {

	private static final Log logger = LogFactory.getLog(StreamReader.class);

	private static final Duration MIN_BACKOFF = Duration.ofMillis(100);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

	private final String stream;

	/** Opened by the loop, so that a node starts while Redis is down. */
	private final LazilyOpened<ReactiveRedisConnection> connection;

	private final RedisStreamsAdapterOptions options;

	private final RedisAvailability availability;

	private final BiConsumer<String, Map<String, String>> entries;

	private volatile @Nullable String lastId;

	private volatile long lagMillis;

	private volatile boolean running;

	private volatile boolean resync;

	private Duration backoff = MIN_BACKOFF;

	private @Nullable Disposable loop;

	StreamReader(String stream, ReactiveRedisConnectionFactory factory, RedisStreamsAdapterOptions options, RedisAvailability availability,
			BiConsumer<String, Map<String, String>> entries) {
		this.stream = stream;
		this.connection = new LazilyOpened<>(factory::getReactiveConnection,
				(connection) -> connection.closeLater().toFuture());
		this.options = options;
		this.availability = availability;
		this.entries = entries;
	}

	/** @return how long the last entry read took from being added to the stream to being read, in ms */
	long lagMillis() {
		return this.lagMillis;
	}

	/** @return the id of the last entry read, or {@code null} before the first one */
	@Nullable String lastId() {
		return this.lastId;
	}

	String stream() {
		return this.stream;
	}

	void start() {
		this.running = true;
		this.loop = Mono.defer(this::readOnce).repeat(() -> this.running).then().subscribe(null,
				(error) -> logger.error("The read loop of stream " + this.stream + " stopped", error));
	}

	private Mono<Void> readOnce() {
		long sentAt = System.nanoTime();
		return this.connection.get().flatMap(this::readOnce).onErrorResume((error) -> backOff(error, sentAt));
	}

	private Mono<Void> readOnce(ReactiveRedisConnection connection) {
		Mono<Void> before = (this.resync || this.lastId == null) ? resynchronise(connection) : Mono.empty();
		return before.then(Mono.defer(() -> {
			String from = this.lastId;
			StreamOffset<ByteBuffer> offset = StreamOffset.create(RedisCommands.utf8(this.stream),
					(from != null) ? ReadOffset.from(from) : ReadOffset.latest());
			StreamReadOptions read = StreamReadOptions.empty()
				.count(this.options.readCount())
				.block(this.options.blockTime());
			// Bounded: while Redis is away the client may hold the read for its reconnection, and a node that only
			// reads would never notice the outage (nor report it in its health).
			return connection.streamCommands()
				.xRead(read, offset)
				.collectList()
				.timeout(this.options.blockTime().plus(this.options.requestTimeout()));
		})).doOnNext((records) -> {
			this.availability.succeeded();
			this.backoff = MIN_BACKOFF;
			for (ByteBufferRecord record : records) {
				String id = record.getId().getValue();
				try {
					this.entries.accept(id, fields(record));
				}
				catch (RuntimeException ex) {
					logger.warn("Skipping undecodable entry " + id + " of stream " + this.stream, ex);
				}
				this.lastId = id;
			}
			if (!records.isEmpty()) {
				long added = parse(records.get(records.size() - 1).getId().getValue())[0];
				this.lagMillis = Math.max(System.currentTimeMillis() - added, 0);
			}
		}).then();
	}

	private Mono<Void> backOff(Throwable error, long sentAt) {
		if (!this.running) {
			return Mono.empty();
		}
		this.availability.failed(error, sentAt);
		this.resync = true;
		if (error instanceof TimeoutException) {
			// The abandoned XREAD BLOCK stays queued in Redis (e.g. behind a CLIENT PAUSE) and, on a quiet stream,
			// would block for its whole block time before the next read even starts: that read then times out in
			// turn, and so on. A new connection starts clean.
			this.connection.reset();
		}
		Duration wait = this.backoff;
		this.backoff = this.backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
				: this.backoff.multipliedBy(2);
		return Mono.delay(wait).then();
	}

	/**
	 * Where to read from. At the start: just after the stream's current last entry (without the race of {@code $}).
	 * After a failure: if the stream now ends before the last entry read (Redis restarted empty, or another Redis),
	 * reading on from the old id would wait for ids that may never come; start from the new end instead.
	 */
	private Mono<Void> resynchronise(ReactiveRedisConnection connection) {
		return currentLastId(connection).defaultIfEmpty("0-0").doOnNext((current) -> {
			this.resync = false;
			String last = this.lastId;
			if (last == null) {
				this.lastId = current;
			}
			else if (compare(current, last) < 0) {
				logger.warn("Stream " + this.stream + " now ends at " + current + ", before " + last
						+ " read earlier: Redis lost it; reading from its new end");
				this.lastId = current;
			}
		}).then();
	}

	/** The stream's last id, on this reader's own connection: it must work while other commands fail fast. */
	private Mono<String> currentLastId(ReactiveRedisConnection connection) {
		return connection.streamCommands()
			.xRevRange(RedisCommands.utf8(this.stream), Range.unbounded(), Limit.limit().count(1))
			.next()
			.map((record) -> record.getId().getValue())
			.timeout(this.options.requestTimeout());
	}

	static int compare(String a, String b) {
		long[] x = parse(a);
		long[] y = parse(b);
		return (x[0] != y[0]) ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]);
	}

	private static long[] parse(String id) {
		int dash = id.indexOf('-');
		try {
			return (dash < 0) ? new long[] { Long.parseLong(id), 0 }
					: new long[] { Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)) };
		}
		catch (NumberFormatException ex) {
			return new long[] { 0, 0 };
		}
	}

	static Map<String, String> fields(ByteBufferRecord record) {
		Map<String, String> fields = new LinkedHashMap<>();
		record.getValue().forEach((key, value) -> fields.put(RedisCommands.text(key), RedisCommands.text(value)));
		return fields;
	}

	void stop() {
		this.running = false;
		if (this.loop != null) {
			this.loop.dispose();
		}
		this.connection.close();
	}

}
