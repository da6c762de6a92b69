package io.github.springsocketio.adapter.redis;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.awaitility.Awaitility;
import org.json.JSONArray;
import org.json.JSONObject;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real client (the official Java {@code socket.io-client}, WebSocket only, no reconnection) that records every
 * event it receives, with JSON converted to maps and lists.
 */
public final class TestClient implements AutoCloseable {

	/** How long a client waits for anything. */
	public static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final Socket socket;

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final List<String> disconnects = new CopyOnWriteArrayList<>();

	private final Map<String, Object[]> answers = new java.util.concurrent.ConcurrentHashMap<>();

	/** One received event. */
	public record Event(String name, List<@Nullable Object> args) {

		public @Nullable Object arg(int index) {
			return this.args.get(index);
		}

	}

	private TestClient(String url, String namespace, Map<String, String> auth) {
		IO.Options options = IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(new String[] { WebSocket.NAME })
			.setAuth(auth)
			.setTimeout(TIMEOUT.toMillis())
			.build();
		this.socket = IO.socket(URI.create(url + namespace), options);
		this.socket.onAnyIncoming((args) -> {
			List<Object> values = new ArrayList<>();
			for (int i = 1; i < args.length; i++) {
				values.add(plain(args[i]));
			}
			Object last = (args.length > 1) ? args[args.length - 1] : null;
			if (last instanceof Ack) {
				values.remove(values.size() - 1);
			}
			// recorded before it is answered: whoever got the answer finds the event among the client's events
			this.events.add(new Event((String) args[0], values));
			Object[] answer = this.answers.get((String) args[0]);
			if (last instanceof Ack ack && answer != null) {
				ack.call(answer);
			}
		});
		this.socket.on(Socket.EVENT_DISCONNECT, (args) -> this.disconnects.add(String.valueOf(args[0])));
	}

	/**
	 * Connects to a namespace and waits until connected.
	 * @param url the node, {@code http://127.0.0.1:<port>}
	 * @param namespace e.g. {@code /}
	 * @return the connected client
	 */
	public static TestClient connect(String url, String namespace) {
		return connect(url, namespace, Map.of());
	}

	public static TestClient connect(String url, String namespace, Map<String, String> auth) {
		TestClient client = new TestClient(url, namespace, auth);
		CompletableFuture<Object> outcome = new CompletableFuture<>();
		client.socket.once(Socket.EVENT_CONNECT, (args) -> outcome.complete(true));
		client.socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> outcome.complete(
				(args.length > 0) ? plain(args[0]) : "connect error"));
		client.socket.connect();
		Object result;
		try {
			result = outcome.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			client.close();
			return fail("could not connect to " + url + namespace + ": " + ex);
		}
		if (!Boolean.TRUE.equals(result)) {
			client.close();
			return fail("could not connect to " + url + namespace + ": " + result);
		}
		return client;
	}

	/** @return the socket id */
	public String id() {
		return this.socket.id();
	}

	/** @return whether connected */
	public boolean connected() {
		return this.socket.connected();
	}

	/** @return the reasons of the disconnections seen */
	public List<String> disconnects() {
		return List.copyOf(this.disconnects);
	}

	/** Answers the events of that name that ask for an acknowledgement, with these arguments. */
	public void answer(String event, Object... answer) {
		this.answers.put(event, answer);
	}

	/**
	 * Emits an event with an acknowledgement and waits for it.
	 * @return the acknowledgement's arguments, plain
	 */
	public List<@Nullable Object> call(String event, Object... args) {
		CompletableFuture<List<Object>> answer = new CompletableFuture<>();
		this.socket.emit(event, Arrays.stream(args).map(TestClient::json).toArray(), (Ack) (values) -> {
			List<Object> plain = new ArrayList<>();
			for (Object value : values) {
				plain.add(plain(value));
			}
			answer.complete(plain);
		});
		try {
			return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			return fail("no acknowledgement of '" + event + "' within " + TIMEOUT + ": " + ex);
		}
	}

	/** Asks the node who this socket is ({@link ClusterNode}'s {@code whoami}). */
	@SuppressWarnings("unchecked")
	public Map<String, Object> whoami() {
		return (Map<String, Object>) call("whoami").get(0);
	}

	/** @return the rooms the node says this socket is in ({@code whoami}), sorted */
	@SuppressWarnings("unchecked")
	public List<Object> rooms() {
		return (List<Object>) whoami().get("rooms");
	}

	/** @return the events received so far, in order */
	public List<Event> events() {
		return List.copyOf(this.events);
	}

	/** @return the events of that name received so far, in order */
	public List<Event> events(String name) {
		return this.events.stream().filter((event) -> event.name().equals(name)).toList();
	}

	/** Waits until at least {@code count} events of that name arrived; returns them all. */
	public List<Event> await(String name, int count) {
		Awaitility.await("'" + name + "' x" + count + " at " + this.socket.id())
			.atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> events(name).size() >= count);
		return events(name);
	}

	/** Waits for the first event of that name. */
	public Event await(String name) {
		return await(name, 1).get(0);
	}

	/** Waits until the server disconnected this client; returns the reason. */
	public String awaitDisconnect() {
		Awaitility.await("disconnection of " + this.socket.id()).atMost(TIMEOUT).until(() -> !this.disconnects.isEmpty());
		return this.disconnects.get(0);
	}

	@Override
	public void close() {
		this.socket.disconnect();
		this.socket.close();
	}

	private static Object json(Object value) {
		if (value instanceof Map<?, ?> map) {
			JSONObject object = new JSONObject();
			map.forEach((key, item) -> {
				try {
					object.put(String.valueOf(key), json(item));
				}
				catch (org.json.JSONException ex) {
					throw new IllegalArgumentException(ex);
				}
			});
			return object;
		}
		if (value instanceof List<?> list) {
			JSONArray array = new JSONArray();
			list.forEach((item) -> array.put(json(item)));
			return array;
		}
		return value;
	}

	/** org.json values as maps, lists, strings, numbers, booleans, {@code byte[]} and {@code null}. */
	static @Nullable Object plain(@Nullable Object value) {
		if (value == null || value == JSONObject.NULL) {
			return null;
		}
		if (value instanceof JSONObject object) {
			Map<String, Object> map = new LinkedHashMap<>();
			Iterator<?> keys = object.keys();
			while (keys.hasNext()) {
				String key = (String) keys.next();
				map.put(key, plain(object.opt(key)));
			}
			return map;
		}
		if (value instanceof JSONArray array) {
			List<Object> list = new ArrayList<>();
			for (int i = 0; i < array.length(); i++) {
				list.add(plain(array.opt(i)));
			}
			return list;
		}
		return value;
	}

}
