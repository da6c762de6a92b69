package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.socket.engineio.client.Socket;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The official Java client ({@code io.socket:engine.io-client}) against the engine: polling only, WebSocket only and
 * the default polling-then-upgrade, each echoing text and binary.
 */
class EngineIoJavaClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	final EngineServerExtension servers = new EngineServerExtension();

	@Test
	void aPollingOnlyClientEchoesTextAndBinary() throws Exception {
		TestEngineServer server = this.servers.start();
		JavaClient client = connect(server, "polling");

		String sid = client.awaitOpen();
		client.assertEchoes();

		assertThat(server.listener().session(sid).transport()).isEqualTo(Transport.POLLING);
		client.closeAndAwait(server, sid);
	}

	@Test
	void aWebSocketOnlyClientEchoesTextAndBinary() throws Exception {
		TestEngineServer server = this.servers.start();
		JavaClient client = connect(server, "websocket");

		String sid = client.awaitOpen();
		client.assertEchoes();

		assertThat(server.listener().session(sid).transport()).isEqualTo(Transport.WEBSOCKET);
		client.closeAndAwait(server, sid);
	}

	@Test
	void aDefaultClientUpgradesToWebSocketAndEchoesBeforeAndAfter() throws Exception {
		TestEngineServer server = this.servers.start();
		JavaClient client = connect(server, "polling", "websocket");

		String sid = client.awaitOpen();
		client.assertEchoes();
		assertThat(client.upgrades.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("upgraded to")
			.isEqualTo("websocket");
		client.assertEchoes();

		server.listener().await((e) -> e.kind() == RecordingListener.Kind.UPGRADE && e.sid().equals(sid));
		assertThat(server.listener().session(sid).transport()).isEqualTo(Transport.WEBSOCKET);
		client.closeAndAwait(server, sid);
	}

	@Test
	void aClientKeepsItsSessionAliveThroughHeartbeats() throws Exception {
		TestEngineServer server = this.servers.start((o) -> o.pingInterval(Duration.ofMillis(100))
			.pingTimeout(Duration.ofMillis(300)));
		JavaClient client = connect(server, "polling", "websocket");
		String sid = client.awaitOpen();

		await().atMost(TIMEOUT).until(() -> client.pings.size() >= 5);

		assertThat(server.listener().closeReason(sid)).isEmpty();
		client.assertEchoes();
	}

	private JavaClient connect(TestEngineServer server, String... transports) throws Exception {
		return this.servers.register(new JavaClient(server, transports));
	}

	/** One client of the Java library, its events collected in queues. */
	private static final class JavaClient implements AutoCloseable {

		private final OkHttpClient okHttp = new OkHttpClient();

		private final Socket socket;

		final BlockingQueue<String> opens = new LinkedBlockingQueue<>();

		final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

		final BlockingQueue<String> upgrades = new LinkedBlockingQueue<>();

		final BlockingQueue<Object> pings = new LinkedBlockingQueue<>();

		final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

		private int round;

		JavaClient(TestEngineServer server, String... transports) throws Exception {
			Socket.Options options = new Socket.Options();
			options.path = TestEngineServer.PATH;
			options.transports = transports;
			options.callFactory = this.okHttp;
			options.webSocketFactory = this.okHttp;
			this.socket = new Socket("http://127.0.0.1:" + server.port(), options);
			this.socket.on(Socket.EVENT_OPEN, (args) -> this.opens.add(this.socket.id()));
			this.socket.on(Socket.EVENT_MESSAGE, (args) -> this.messages.add(args[0]));
			this.socket.on(Socket.EVENT_UPGRADE, (args) -> this.upgrades.add(transportName(args[0])));
			this.socket.on(Socket.EVENT_PING, (args) -> this.pings.add("ping"));
			this.socket.on(Socket.EVENT_CLOSE, (args) -> this.closes.add(String.valueOf(args[0])));
			this.socket.open();
		}

		private static String transportName(Object transport) {
			return (transport instanceof io.socket.engineio.client.Transport t) ? t.name : String.valueOf(transport);
		}

		String awaitOpen() throws InterruptedException {
			String sid = this.opens.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(sid).as("open within %s", TIMEOUT).isNotNull().matches("[A-Za-z0-9_-]{20}");
			return sid;
		}

		void assertEchoes() throws InterruptedException {
			int n = ++this.round;
			this.socket.send("hello " + n + " ✓");
			this.socket.send(new byte[] { 1, 2, (byte) n, (byte) 0xff });
			assertThat(nextMessage()).isEqualTo("hello " + n + " ✓");
			assertThat(nextMessage()).isInstanceOf(byte[].class)
				.satisfies((data) -> assertThat((byte[]) data).containsExactly(1, 2, n, 0xff));
		}

		private Object nextMessage() throws InterruptedException {
			Object message = this.messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(message).as("echo within %s", TIMEOUT).isNotNull();
			return message;
		}

		void closeAndAwait(TestEngineServer server, String sid) throws InterruptedException {
			this.socket.close();
			assertThat(this.closes.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("forced close");
			assertThat(server.listener().awaitClose(sid)).isEqualTo(CloseReason.TRANSPORT_CLOSE);
			await().atMost(TIMEOUT).until(() -> server.engine().sessionCount() == 0);
		}

		@Override
		public void close() {
			this.socket.close();
			this.okHttp.dispatcher().executorService().shutdown();
			this.okHttp.connectionPool().evictAll();
		}

	}

}
