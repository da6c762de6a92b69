package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The application's listener, called so that its failures go no further than the call.
 */
class GuardedListenerTests {

	private final ManualEventLoop loop = new ManualEventLoop();

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final EngineIoListener failing = new EngineIoListener() {

		@Override
		public void onOpen(EngineIoSession session) {
			fail("open");
		}

		@Override
		public void onMessage(EngineIoSession session, EngineMessage message) {
			fail("message " + message.text());
		}

		@Override
		public void onUpgrade(EngineIoSession session) {
			fail("upgrade");
		}

		@Override
		public void onClose(EngineIoSession session, CloseReason reason) {
			fail("close " + reason);
		}

		private void fail(String call) {
			GuardedListenerTests.this.calls.add(call);
			throw new IllegalStateException("listener failed on " + call);
		}

	};

	private final EngineIoSession session = this.loop.session(new EngineIoServer(EngineIoOptions.builder().build(),
			this.failing), Transport.POLLING);

	@Test
	void passesEveryEventOnAndKeepsTheListenersFailuresFromTheCaller() {
		GuardedListener listener = new GuardedListener(this.failing);
		assertThatNoException().isThrownBy(() -> {
			listener.onOpen(this.session);
			listener.onMessage(this.session, new EngineMessage("hi".getBytes(StandardCharsets.UTF_8), false));
			listener.onUpgrade(this.session);
			listener.onClose(this.session, CloseReason.TRANSPORT_CLOSE);
		});
		assertThat(this.calls).containsExactly("open", "message hi", "upgrade", "close " + CloseReason.TRANSPORT_CLOSE);
	}

	@AfterEach
	void closeLoop() {
		this.loop.close();
	}

}
