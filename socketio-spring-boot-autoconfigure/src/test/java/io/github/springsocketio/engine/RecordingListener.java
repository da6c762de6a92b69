package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * An {@link EngineIoListener} that records every event it sees and, by default, echoes each message back: text as
 * text, binary as binary, as the protocol suites' echo server does.
 */
final class RecordingListener implements EngineIoListener {

	enum Kind {

		OPEN, MESSAGE, UPGRADE, CLOSE

	}

	record Event(Kind kind, EngineIoSession session, EngineMessage message, CloseReason reason) {

		String sid() {
			return this.session.id();
		}

	}

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private volatile BiConsumer<EngineIoSession, EngineMessage> onMessage = RecordingListener::echo;

	static void echo(EngineIoSession session, EngineMessage message) {
		session.send(message.binary() ? EnginePacket.binary(message.data()) : EnginePacket.text(message.text()));
	}

	/** Replaces the echo with another reaction to messages. */
	RecordingListener onMessage(BiConsumer<EngineIoSession, EngineMessage> onMessage) {
		this.onMessage = onMessage;
		return this;
	}

	@Override
	public void onOpen(EngineIoSession session) {
		this.events.add(new Event(Kind.OPEN, session, null, null));
	}

	@Override
	public void onMessage(EngineIoSession session, EngineMessage message) {
		this.events.add(new Event(Kind.MESSAGE, session, message, null));
		this.onMessage.accept(session, message);
	}

	@Override
	public void onUpgrade(EngineIoSession session) {
		this.events.add(new Event(Kind.UPGRADE, session, null, null));
	}

	@Override
	public void onClose(EngineIoSession session, CloseReason reason) {
		this.events.add(new Event(Kind.CLOSE, session, null, reason));
	}

	List<Event> events() {
		return List.copyOf(this.events);
	}

	List<Event> events(String sid, Kind kind) {
		return this.events.stream().filter((e) -> e.sid().equals(sid) && e.kind() == kind).toList();
	}

	Optional<Event> find(Predicate<Event> condition) {
		return this.events.stream().filter(condition).findFirst();
	}

	/** Waits for the first event that matches. */
	Event await(Predicate<Event> condition) {
		return Awaitility.await().atMost(TIMEOUT).until(() -> find(condition), Optional::isPresent).orElseThrow();
	}

	EngineIoSession session(String sid) {
		return await((e) -> e.kind() == Kind.OPEN && e.sid().equals(sid)).session();
	}

	/** Waits until the session is closed and tells why. */
	CloseReason awaitClose(String sid) {
		return await((e) -> e.kind() == Kind.CLOSE && e.sid().equals(sid)).reason();
	}

	Optional<CloseReason> closeReason(String sid) {
		return find((e) -> e.kind() == Kind.CLOSE && e.sid().equals(sid)).map(Event::reason);
	}

	List<String> messages(String sid) {
		return events(sid, Kind.MESSAGE).stream().map((e) -> e.message().toString()).toList();
	}

}
