package io.github.springsocketio.server;

import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.socket.client.IO;
import io.socket.client.Socket;

/**
 * The scenario of {@code socketio-v2-client-check.mjs}, run by the Java client of Socket.IO 2.x servers
 * ({@code io.socket:socket.io-client} 1.0.x). Loaded by {@link SocketIOV2ClientTests} in a class loader that holds
 * that client instead of the current one, so it uses only what both have and reports through a JDK type.
 */
public final class LegacyJavaClientScenario {

	private static final long TIMEOUT_SECONDS = 10;

	private LegacyJavaClientScenario() {
	}

	/**
	 * Runs the scenario; each step reports one line, {@code <step> <values…>}.
	 * @param url the server
	 * @param mode {@code polling}, {@code websocket} or {@code upgrade}
	 * @param out where the lines go
	 */
	public static void run(String url, String mode, Consumer<String> out) throws Exception {
		Socket client = IO.socket(url, options(mode, null));
		try {
			CompletableFuture<Object[]> welcome = next(client, "welcome");
			CompletableFuture<Object[]> connected = next(client, Socket.EVENT_CONNECT);
			client.connect();
			await(connected);
			out.accept("connect " + client.id());
			Object[] greeting = await(welcome);
			out.accept("welcome " + greeting[0] + " " + HexFormat.of().formatHex((byte[]) greeting[1]));

			CompletableFuture<Object[]> echo = new CompletableFuture<>();
			client.emit("echo", new Object[] { "héllo 😀" }, echo::complete);
			out.accept("echo " + await(echo)[0]);

			CompletableFuture<Object[]> reverse = new CompletableFuture<>();
			client.emit("reverse", new Object[] { new byte[] { 1, 2, 3, (byte) 255 } }, reverse::complete);
			out.accept("reverse " + HexFormat.of().formatHex((byte[]) await(reverse)[0]));

			Socket admin = IO.socket(url + "/admin", options(mode, "token=ok"));
			CompletableFuture<Object[]> adminConnected = next(admin, Socket.EVENT_CONNECT);
			admin.connect();
			await(adminConnected);
			out.accept("admin " + admin.id());
			admin.close();

			Socket refused = IO.socket(url + "/refused-admin", options(mode, "token=bad"));
			CompletableFuture<Object[]> refusal = next(refused, "error");
			refused.connect();
			out.accept("refused " + await(refusal)[0]);
			refused.close();
		}
		finally {
			client.close();
		}
	}

	private static IO.Options options(String mode, String query) {
		IO.Options options = new IO.Options();
		options.forceNew = true;
		options.reconnection = false;
		options.transports = switch (mode) {
			case "polling" -> new String[] { "polling" };
			case "websocket" -> new String[] { "websocket" };
			default -> new String[] { "polling", "websocket" };
		};
		options.query = query;
		return options;
	}

	private static CompletableFuture<Object[]> next(Socket socket, String event) {
		CompletableFuture<Object[]> next = new CompletableFuture<>();
		socket.once(event, next::complete);
		return next;
	}

	private static Object[] await(CompletableFuture<Object[]> future) throws Exception {
		return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

}
