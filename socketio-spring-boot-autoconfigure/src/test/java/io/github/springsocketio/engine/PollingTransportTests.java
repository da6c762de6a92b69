package io.github.springsocketio.engine;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.springsocketio.engine.ErrorResponseTests.assertJsonError;
import static io.github.springsocketio.engine.PollingClient.await;
import static io.github.springsocketio.engine.PollingClient.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP long-polling: a GET receives everything buffered, a POST sends packets, both joined by the record separator,
 * binary as {@code b} and base64; the Node.js server's answers to protocol violations.
 */
class PollingTransportTests {

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	private TestEngineServer server;

	private PollingClient client;

	private String sid;

	private void open() {
		open(this.servers.start());
	}

	private void open(TestEngineServer server) {
		this.server = server;
		this.client = this.servers.polling(server);
		this.sid = this.client.handshake().sid();
	}

	private EngineIoSession session() {
		return this.server.listener().session(this.sid);
	}

	@Test
	void aPostIsAnsweredOkAsTextHtmlAndIsNotCached() {
		open();

		HttpResponse<String> response = this.client.post(this.sid, "4hello");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
		assertThat(response.headers().firstValue("content-type")).hasValue("text/html");
		assertThat(response.headers().firstValueAsLong("content-length")).hasValue(2);
		assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
	}

	@Test
	void aPollIsTextPlainUtf8AndIsNotCached() {
		open();
		session().send(EnginePacket.text("héllo ✓"));

		HttpResponse<String> response = this.client.get(this.sid);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("4héllo ✓");
		assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
		assertThat(response.headers().firstValueAsLong("content-length"))
			.hasValue("4héllo ✓".getBytes(StandardCharsets.UTF_8).length);
		assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
	}

	@Test
	void textMessagesTravelBothWaysInUtf8() {
		open();

		this.client.send(this.sid, "4héllo ✓ 日本");

		assertThat(this.server.listener().messages(this.sid)).containsExactly("héllo ✓ 日本");
		assertThat(this.client.get(this.sid).body()).isEqualTo("4héllo ✓ 日本");
	}

	@Test
	void aPostMayCarrySeveralPacketsJoinedByTheRecordSeparatorAndTheyArriveInOrder() {
		open();

		this.client.send(this.sid, payload("4first", "4", "bAQID", "4last"));

		List<RecordingListener.Event> messages = this.server.listener().events(this.sid, RecordingListener.Kind.MESSAGE);
		assertThat(messages).extracting((e) -> e.message().binary()).containsExactly(false, false, true, false);
		assertThat(messages).extracting((e) -> e.message().toString())
			.containsExactly("first", "", "<binary 3 bytes>", "last");
		assertThat(messages.get(2).message().data()).containsExactly(1, 2, 3);
	}

	@Test
	void base64WithLineBreaksIsDecodedAsNodeDoesForTheJavaClientSendsIt() {
		open();

		this.client.send(this.sid, payload("bAQIB/w==\n", "bAQID\r\nBA==\n"));

		List<RecordingListener.Event> messages = this.server.listener().events(this.sid, RecordingListener.Kind.MESSAGE);
		assertThat(messages).hasSize(2);
		assertThat(messages.get(0).message().data()).containsExactly(1, 2, 1, 0xff);
		assertThat(messages.get(1).message().data()).containsExactly(1, 2, 3, 4);
	}

	@Test
	void everythingBufferedIsSentInOnePollJoinedByTheRecordSeparator() {
		open();

		this.client.send(this.sid, payload("4a", "bAQIDBA==", "4b"));

		assertThat(this.client.get(this.sid).body()).isEqualTo(payload("4a", "bAQIDBA==", "4b"));
	}

	@Test
	void binaryMessagesFromTheServerAreSentAsBAndBase64() {
		open();
		session().send(List.of(EnginePacket.text("51-[\"bin\"]"), EnginePacket.binary(new byte[] { 1, 2, 3, 4 }),
				EnginePacket.binary(new byte[0]), EnginePacket.binary(new byte[] { (byte) 0xff, 0, (byte) 0x80 })));

		assertThat(this.client.get(this.sid).body()).isEqualTo(payload("451-[\"bin\"]", "bAQIDBA==", "b", "b/wCA"));
	}

	@Test
	void aPollWaitsUntilTheServerHasSomethingToSend() {
		open();
		CompletableFuture<HttpResponse<String>> poll = this.client.getAsync(this.sid);

		this.client.send(this.sid, "4wake up");

		assertThat(await(poll).body()).isEqualTo("4wake up");
	}

	@ParameterizedTest(name = "packet {0}")
	@ValueSource(strings = { "3", "5", "6", "0", "3probe" })
	void packetsWithoutMeaningHereAreAcceptedAndIgnored(String packet) {
		open();

		this.client.send(this.sid, packet);
		this.client.send(this.sid, "4still there");

		assertThat(this.client.get(this.sid).body()).isEqualTo("4still there");
		assertThat(this.server.listener().messages(this.sid)).containsExactly("still there");
		assertThat(session().isOpen()).isTrue();
	}

	@Test
	void aPingFromTheClientIsAProtocolErrorThatClosesTheSession() {
		open();

		this.client.post(this.sid, "2");

		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
		assertJsonError(this.client.get(this.sid), 400, 1, "Session ID unknown");
	}

	@Test
	void aClosePacketWithAPollPendingAnswersThePollWithANoopAndClosesTheSession() {
		open();
		CompletableFuture<HttpResponse<String>> poll = this.client.getAsync(this.sid);

		this.client.send(this.sid, "1");

		assertThat(await(poll).body()).isEqualTo("6");
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		assertJsonError(this.client.get(this.sid), 400, 1, "Session ID unknown");
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void afterAClientCloseOneLatePollStillGetsANoopAndTheNextIsRefused() {
		open();

		this.client.send(this.sid, "1");

		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		assertThat(this.client.get(this.sid).body()).isEqualTo("6");
		assertJsonError(this.client.get(this.sid), 400, 1, "Session ID unknown");
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void aClosedSessionIsForgottenWithinASecondEvenIfNoPollCame() {
		open();

		this.client.send(this.sid, "1");

		await().atMost(java.time.Duration.ofSeconds(3)).until(() -> this.server.engine().sessionCount() == 0);
		assertJsonError(this.client.get(this.sid), 400, 1, "Session ID unknown");
	}

	@Test
	void aServerCloseAnswersThePendingPollWithAClosePacket() {
		open();
		CompletableFuture<HttpResponse<String>> poll = this.client.getAsync(this.sid);
		this.client.send(this.sid, "4make sure the poll is held");
		assertThat(await(poll).body()).isEqualTo("4make sure the poll is held");
		poll = this.client.getAsync(this.sid);

		session().close();

		assertThat(await(poll).body()).isEqualTo("1");
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.FORCED_CLOSE);
		assertJsonError(this.client.get(this.sid), 400, 1, "Session ID unknown");
	}

	@Test
	void aServerCloseWithoutAPendingPollSendsWhatWasQueuedThenTheCloseInTheNextPoll() {
		open();
		session().send(EnginePacket.text("bye"));

		session().close(CloseReason.SERVER_SHUTTING_DOWN);

		assertThat(this.client.get(this.sid).body()).isEqualTo(payload("4bye", "1"));
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.SERVER_SHUTTING_DOWN);
		assertJsonError(this.client.get(this.sid), 400, 1, "Session ID unknown");
	}

	@Test
	void aServerCloseWithNothingQueuedEndsTheNextPollWithAClosePacket() {
		open();

		session().close();

		// Node.js answers "6\x1e1" here, the Java server "1": both end with the close packet clients act on.
		assertThat(this.client.get(this.sid).body()).matches("(6\u001e)?1");
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.FORCED_CLOSE);
	}

	@Test
	void aSecondConcurrentPollIsRefusedAndTheFirstGetsTheClosePacket() {
		open();

		CompletableFuture<HttpResponse<String>> first = this.client.getAsync(this.sid);
		CompletableFuture<HttpResponse<String>> second = this.client.getAsync(this.sid);

		List<HttpResponse<String>> answers = List.of(await(first), await(second));
		assertThat(answers).filteredOn((r) -> r.statusCode() == 400)
			.singleElement()
			.satisfies((r) -> assertThat(r.body()).isEmpty());
		assertThat(answers).filteredOn((r) -> r.statusCode() == 200)
			.singleElement()
			.satisfies((r) -> assertThat(r.body()).isEqualTo("1"));
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
		assertJsonError(this.client.get(this.sid), 400, 1, "Session ID unknown");
	}

	@Test
	void aSecondPostWhileOneIsBeingReadIsRefusedAndClosesTheSession() throws Exception {
		open();
		RawConnection slowPost = this.servers.raw(this.server);
		slowPost.write("POST " + TestEngineServer.PATH + "?EIO=4&transport=polling&sid=" + this.sid + " HTTP/1.1\r\n"
				+ "Host: 127.0.0.1\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: 20\r\n\r\n4only the beg");

		// the slow POST is in flight once the server has seen its headers; earlier attempts are served normally
		await().atMost(RecordingListener.TIMEOUT).untilAsserted(() -> {
			HttpResponse<String> concurrent = this.client.post(this.sid, "6");
			assertThat(concurrent.statusCode()).isEqualTo(400);
			assertThat(concurrent.body()).isEmpty();
		});

		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
		assertThat(this.server.listener().messages(this.sid)).isEmpty();
	}

	@ParameterizedTest(name = "body \"{0}\"")
	@ValueSource(strings = { "abc", "", "4fine\u001e", "7seven" })
	void anUndecodablePostIsRefusedAndClosesTheSessionWithParseError(String body) {
		open();

		HttpResponse<String> response = this.client.post(this.sid, body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEmpty();
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.PARSE_ERROR);
		assertJsonError(this.client.get(this.sid), 400, 1, "Session ID unknown");
	}

	@Test
	void thePacketsBeforeAnInvalidOneAreDeliveredAsNodeDoesThenTheSessionIsClosed() {
		open();

		HttpResponse<String> response = this.client.post(this.sid, "4first\u001e4second\u001e7seven\u001e4never");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.PARSE_ERROR);
		assertThat(this.server.listener().messages(this.sid)).containsExactly("first", "second");
	}

	@Test
	void anOctetStreamPostIsAnEngineIo3FeatureRefusedWithAnEmptyBodyAndTheSessionClosed() {
		open();

		HttpResponse<String> response = PollingClient.send(this.client.request("EIO=4&transport=polling&sid=" + this.sid)
			.header("Content-Type", "application/octet-stream")
			.POST(BodyPublishers.ofByteArray(new byte[] { 4, 1, 2, 3 }))
			.build());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEmpty();
		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
		assertJsonError(this.client.get(this.sid), 400, 1, "Session ID unknown");
	}

	@Test
	void aPostOfExactlyTheMaximumSizeIsAccepted() {
		open(this.servers.start((o) -> o.maxHttpBufferSize(1_000)));

		this.client.send(this.sid, "4" + "x".repeat(999));

		assertThat(this.server.listener().messages(this.sid)).singleElement().asString().hasSize(999);
	}

	@Test
	void aPostDeclaredLargerThanTheMaximumIsRefusedWith413AndTheSessionLivesOn() {
		open(this.servers.start((o) -> o.maxHttpBufferSize(1_000)));

		HttpResponse<String> response = this.client.post(this.sid, "4" + "x".repeat(1_000));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).isEmpty();
		assertThat(this.server.listener().messages(this.sid)).isEmpty();
		assertEchoStillWorks();
	}

	@Test
	void aChunkedPostGrowingPastTheMaximumIsRefusedWith413AndTheSessionLivesOn() {
		open(this.servers.start((o) -> o.maxHttpBufferSize(1_000)));
		byte[] body = ("4" + "y".repeat(3_000)).getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> response = PollingClient.send(this.client.request("EIO=4&transport=polling&sid=" + this.sid)
			.header("Content-Type", "text/plain;charset=UTF-8")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).isEmpty();
		assertThat(this.server.listener().messages(this.sid)).isEmpty();
		assertEchoStillWorks();
	}

	@Test
	void aPendingPollWhoseConnectionIsClosedClosesTheSessionWithTransportError() throws Exception {
		open();
		RawConnection poll = this.servers.raw(this.server);
		poll.write("GET " + TestEngineServer.PATH + "?EIO=4&transport=polling&sid=" + this.sid
				+ " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
		assertThat(poll.silentFor(300)).as("the poll is held while there is nothing to send").isTrue();

		poll.close();

		assertThat(this.server.listener().awaitClose(this.sid)).isEqualTo(CloseReason.TRANSPORT_ERROR);
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	private void assertEchoStillWorks() {
		this.client.send(this.sid, "4after");
		assertThat(this.client.get(this.sid).body()).isEqualTo("4after");
		assertThat(session().isOpen()).isTrue();
	}

}
