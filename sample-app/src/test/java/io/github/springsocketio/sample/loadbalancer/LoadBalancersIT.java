package io.github.springsocketio.sample.loadbalancer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.springsocketio.sample.loadbalancer.Processes.Balancer;
import io.github.springsocketio.sample.loadbalancer.Processes.Node;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Three packaged sample nodes (separate processes, profiles {@code interop,cluster}, sticky cookie and Engine.IO
 * cookie on) on one real Redis, behind real HAProxy, nginx and Apache httpd processes configured from the templates
 * that {@code docs/load-balancers.md} shows, driven by the official JavaScript client. Everything listens on
 * 127.0.0.1 on free ports, and every process is stopped at the end, also on failure.
 *
 * <p>The stop tests come last: the graceful one stops a node for good, the SIGKILL one another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancersIT {

	private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);

	/** How long a graceful stop with connected clients may take, generous for a loaded two-core machine. */
	private static final Duration STOP_BOUND = Duration.ofSeconds(3);

	private static final String UNKNOWN_SESSION_WARNING = "Request for an unknown session id";

	private Processes processes;

	private final List<Node> nodes = new ArrayList<>();

	private final Map<LoadBalancer, Balancer> balancers = new EnumMap<>(LoadBalancer.class);

	@BeforeAll
	void startEverything() throws Exception {
		this.processes = new Processes();
		String redis = this.processes.redis();
		String stream = "lb-it-" + UUID.randomUUID();
		Map<String, java.lang.Process> starting = new LinkedHashMap<>();
		for (String id : LoadBalancer.NODE_IDS) {
			starting.put(id, this.processes.node(id, redis, stream, "--socketio.sticky.enabled=true",
					"--socketio.cookie.enabled=true"));
		}
		for (Map.Entry<String, java.lang.Process> node : starting.entrySet()) {
			this.nodes.add(this.processes.awaitPort(node.getKey(), node.getValue()));
		}
		for (LoadBalancer balancer : LoadBalancer.values()) {
			this.balancers.put(balancer, this.processes.balancer(balancer, this.nodes));
		}
		// a failure names a client by its balancer's URL
		report(null, "balancers: %s", this.balancers.values()
			.stream()
			.map((balancer) -> balancer.kind() + " " + balancer.url())
			.collect(Collectors.joining(", ")));
	}

	@AfterAll
	void stopEverything() throws Exception {
		if (this.processes != null) {
			this.processes.close();
		}
	}

	static List<LoadBalancer> stickyBalancers() {
		return LoadBalancer.sticky();
	}

	@Order(1)
	@ParameterizedTest
	@MethodSource("stickyBalancers")
	void fiftyPollingClientsGetEveryAcknowledgement(LoadBalancer balancer) throws Exception {
		JsonNode done = run("echo", Map.of("url", url(balancer), "clients", 50, "emits", 20, "transports",
				List.of("polling")));
		List<JsonNode> clients = list(done.get("clients"));
		assertThat(clients).hasSize(50);
		for (JsonNode client : clients) {
			assertThat(client.get("errors").isEmpty()).as("errors of %s", client).isTrue();
			assertThat(client.get("acks").asInt()).as("acks of %s", client).isEqualTo(20);
			assertThat(client.get("transport").asString()).isEqualTo("polling");
		}
		Map<String, Long> perNode = perNode(clients);
		assertSpread(balancer, perNode);
		report(balancer, "50 polling clients x 20 acked echoes: %d acks, 0 errors, per node %s",
				clients.stream().mapToInt((client) -> client.get("acks").asInt()).sum(), perNode);
	}

	@Order(2)
	@ParameterizedTest
	@MethodSource("stickyBalancers")
	void defaultTransportUpgradesToWebSocket(LoadBalancer balancer) throws Exception {
		JsonNode done = run("echo", Map.of("url", url(balancer), "clients", 10, "emits", 5, "expectUpgrade", true));
		List<JsonNode> clients = list(done.get("clients"));
		assertThat(clients).hasSize(10);
		for (JsonNode client : clients) {
			assertThat(client.get("errors").isEmpty()).as("errors of %s", client).isTrue();
			assertThat(client.get("acks").asInt()).as("acks of %s", client).isEqualTo(5);
			assertThat(client.get("transport").asString()).as("transport of %s", client).isEqualTo("websocket");
		}
		report(balancer, "10 clients upgraded polling -> websocket, 50 acks after the upgrade, per node %s",
				perNode(clients));
	}

	@Order(3)
	@ParameterizedTest
	@MethodSource("stickyBalancers")
	void aBroadcastFromEachNodeReachesEveryClient(LoadBalancer balancer) throws Exception {
		JsonNode done = run("broadcast", Map.of("url", url(balancer), "clients", 30, "room",
				"room-" + balancer.name()));
		List<JsonNode> clients = list(done.get("clients"));
		Map<String, Long> perNode = perNode(clients);
		assertSpread(balancer, perNode);
		Set<String> senders = new TreeSet<>(strings(done.get("senders")));
		assertThat(senders).isEqualTo(perNode.keySet());
		for (JsonNode client : clients) {
			Set<String> from = list(client.get("received")).stream()
				.map((message) -> message.get("from").asString())
				.collect(Collectors.toCollection(TreeSet::new));
			assertThat(from).as("broadcasts %s got", client.get("id")).isEqualTo(senders);
			assertThat(client.get("received").size()).isEqualTo(senders.size());
		}
		report(balancer, "30 clients over %s: a broadcast from each of %s reached all 30", perNode, senders);
	}

	@Order(4)
	@Test
	void withoutStickinessLongPollingFailsWithSessionIdUnknown() throws Exception {
		// the sticky runs above never sent a request to a node that did not know its session
		for (Node node : this.nodes) {
			assertThat(node.logText()).as("log of %s", node.id()).doesNotContain(UNKNOWN_SESSION_WARNING);
		}
		LoadBalancer balancer = LoadBalancer.HAPROXY_NOT_STICKY;
		JsonNode done = run("echo", Map.of("url", url(balancer), "clients", 50, "emits", 20, "transports",
				List.of("polling")));
		List<JsonNode> clients = list(done.get("clients"));
		List<JsonNode> failed = clients.stream().filter((client) -> !client.get("errors").isEmpty()).toList();
		// a client fails on connecting (connect_error) or, if its first requests happened to reach the right node,
		// later (disconnect with the failed request as detail)
		List<JsonNode> sessionIdUnknown = failed.stream()
			.filter((client) -> list(client.get("errors")).stream()
				.anyMatch((error) -> isSessionIdUnknown(error) || isSessionIdUnknown(error.path("detail"))))
			.toList();
		int acks = clients.stream().mapToInt((client) -> client.get("acks").asInt()).sum();
		assertThat(failed).as("clients that failed without stickiness").isNotEmpty();
		assertThat(sessionIdUnknown).as("clients that got 400 Session ID unknown").isNotEmpty();
		assertThat(acks).isLessThan(50 * 20);
		assertThat(Processes.await(this.nodes.get(0).process(), Duration.ofSeconds(20),
				() -> this.nodes.stream().anyMatch((node) -> node.logText().contains(UNKNOWN_SESSION_WARNING))))
			.as("a node warned about unknown session ids")
			.isTrue();
		Map<String, Long> firstErrors = failed.stream()
			.map((client) -> client.get("errors").get(0))
			.collect(Collectors.groupingBy((error) -> error.path("on").asString() + " " + error.path("message").asString()
					+ " " + error.path("status").asString(error.path("detail").path("status").asString("")), TreeMap::new,
					Collectors.counting()));
		report(balancer, "NOT sticky: %d of 50 clients failed, %d with 400 Session ID unknown, %d of 1000 acks; first "
				+ "errors %s", failed.size(), sessionIdUnknown.size(), acks, firstErrors);
	}

	@Order(5)
	@Test
	void aGracefullyStoppedNodesClientsRecoverTheirSessionsElsewhere() throws Exception {
		Recovery recovery = stopDuringTicks(false);
		Node victim = recovery.victim;
		assertThat(victim.logText()).contains("Shutting Socket.IO down");
		for (JsonNode client : recovery.clients) {
			assertThat(client.get("missing").isEmpty()).as("ticks %s missed", client).isTrue();
			assertThat(client.get("received").asInt()).as("ticks %s got twice", client)
				.isEqualTo(client.get("distinct").asInt());
			assertThat(client.get("final").asBoolean()).as("last broadcast reached %s", client).isTrue();
		}
		for (JsonNode client : recovery.victims) {
			JsonNode last = lastReconnection(client);
			assertThat(strings(client.get("disconnects"))).as("disconnects of %s", client)
				.isNotEmpty()
				.doesNotContain("io server disconnect");
			assertThat(last.get("recovered").asBoolean()).as("recovered: %s", client).isTrue();
			assertThat(last.get("id").asString()).as("id after recovery: %s", client)
				.isEqualTo(client.get("id").asString());
			assertThat(last.get("node").asString()).as("node after recovery: %s", client).isNotEqualTo(victim.id());
		}
		report(null, "SIGTERM to %s during %d ticks: %d of %d clients were on it, all recovered (same id) on %s; "
				+ "ticks lost: 0, duplicated: 0; the node stopped in %d ms", victim.id(), recovery.ticks,
				recovery.victims.size(), recovery.clients.size(), recovery.nodesAfter(), recovery.stopMillis);
		assertJavaClients(recovery);
		// a node with connected polling and WebSocket clients hands them over and exits within about a second
		// (more on a loaded machine); the platform's grace period must cover it (docs/load-balancers.md)
		assertThat(recovery.stopMillis).as("time from SIGTERM to the exit of %s", victim.id())
			.isLessThan(STOP_BOUND.toMillis());
	}

	@Order(6)
	@Test
	void aKilledNodesClientsRecoverTheirSessionsElsewhere() throws Exception {
		Recovery recovery = stopDuringTicks(true);
		Node victim = recovery.victim;
		for (JsonNode client : recovery.clients) {
			assertThat(client.get("missing").isEmpty()).as("ticks %s missed", client).isTrue();
			assertThat(client.get("received").asInt()).as("ticks %s got twice", client)
				.isEqualTo(client.get("distinct").asInt());
			assertThat(client.get("final").asBoolean()).as("last broadcast reached %s", client).isTrue();
		}
		for (JsonNode client : recovery.survivors) {
			assertThat(client.get("disconnects").isEmpty()).as("disconnects of %s", client).isTrue();
		}
		for (JsonNode client : recovery.victims) {
			JsonNode last = lastReconnection(client);
			// the node kept each socket's recovery state in Redis while it lived (crash-safe recovery)
			assertThat(last.get("recovered").asBoolean()).as("recovered: %s", client).isTrue();
			assertThat(last.get("id").asString()).as("id after recovery: %s", client)
				.isEqualTo(client.get("id").asString());
			assertThat(last.get("node").asString()).as("node after recovery: %s", client)
				.isNotEqualTo(victim.id());
			assertThat(last.get("rejoined").asBoolean()).as("still in its room: %s", client).isFalse();
		}
		report(null, "SIGKILL to %s during %d ticks: %d of %d clients were on it, all recovered (same id, same "
				+ "room) on %s; ticks lost: 0, duplicated: 0", victim.id(), recovery.ticks, recovery.victims.size(),
				recovery.clients.size(), recovery.nodesAfter());
		assertJavaClients(recovery);
	}

	private static boolean isSessionIdUnknown(JsonNode error) {
		return error.path("status").asInt() == 400 && error.path("body").asString("").contains("Session ID unknown");
	}

	/** What a stop during the ticker showed. */
	private record Recovery(Node victim, int ticks, List<JsonNode> clients, List<JsonNode> victims,
			List<JsonNode> survivors, long stopMillis, List<JavaClient> javaClients, List<JavaClient> javaVictims) {

		Set<String> nodesAfter() {
			return this.victims.stream()
				.map((client) -> lastReconnection(client).get("node").asString())
				.collect(Collectors.toCollection(TreeSet::new));
		}

	}

	/**
	 * Clients through every sticky balancer join the room of a publisher connected straight to a node that stays
	 * up; the contract's ticker numbers messages to that room; once some went out, the node nginx's address hash
	 * chose (so that every balancer has clients on it) is stopped.
	 */
	private Recovery stopDuringTicks(boolean kill) throws Exception {
		List<Node> live = this.nodes.stream().filter((node) -> node.process().isAlive()).toList();
		assertThat(live).as("nodes still running").hasSizeGreaterThanOrEqualTo(2);
		String hashed = list(run("echo", Map.of("url", url(LoadBalancer.NGINX_HASH), "clients", 1, "emits", 0))
			.get("clients")).get(0).get("node").asString();
		Node victim = live.stream().filter((node) -> node.id().equals(hashed)).findFirst().orElseThrow();
		Node publisher = live.stream().filter((node) -> node != victim).findFirst().orElseThrow();
		int ticks = 200;
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("urls", LoadBalancer.sticky().stream().map(this::url).toList());
		options.put("clientsPerUrl", 6);
		options.put("publisherUrl", publisher.url());
		options.put("ticks", ticks);
		options.put("intervalMs", 50);
		options.put("readyAfterTicks", 40);
		options.put("victimNode", victim.id());
		options.put("timeoutMs", SCRIPT_TIMEOUT.toMillis());
		options.put("tickerOnStdin", true);
		List<JavaClient> javaClients = new ArrayList<>();
		try (ClientScript script = ClientScript.start(this.processes, "recovery", options)) {
			JsonNode connected = script.await("connected", SCRIPT_TIMEOUT);
			assertThat(strings(connected.get("nodes"))).as("nodes the clients are on").contains(victim.id());
			String room = connected.get("room").asString();
			for (boolean pollingOnly : List.of(true, false)) {
				javaClients.addAll(javaClientsUntilOneOn(victim, pollingOnly));
			}
			for (JavaClient client : javaClients) {
				client.join(room);
			}
			script.send("go");
			script.await("ready", SCRIPT_TIMEOUT);
			long start = System.nanoTime();
			if (kill) {
				victim.process().destroyForcibly();
			}
			else {
				victim.process().destroy();
			}
			if (!victim.process().waitFor(60, TimeUnit.SECONDS)) {
				fail("Node " + victim.id() + " did not stop:\n" + victim.logText());
			}
			long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			List<JavaClient> javaVictims = javaClients.stream()
				.filter((client) -> client.node().equals(victim.id()))
				.toList();
			Awaitility.await("the Java clients of " + victim.id() + " are back: " + javaVictims)
				.atMost(SCRIPT_TIMEOUT)
				.until(() -> javaVictims.stream().allMatch(JavaClient::isBack));
			script.send("final");
			JsonNode done = script.done(SCRIPT_TIMEOUT);
			String fin = "final-" + room;
			Awaitility.await("the last message reached the Java clients: " + javaClients)
				.atMost(SCRIPT_TIMEOUT)
				.until(() -> javaClients.stream().allMatch((client) -> client.received(fin)));
			List<JsonNode> clients = list(done.get("clients"));
			assertThat(clients).hasSize(6 * LoadBalancer.sticky().size());
			int refusedByStoppingNode = 0;
			for (JsonNode client : clients) {
				List<JsonNode> errors = list(client.get("errors"));
				if (!kill && client.get("url").asString().equals(url(LoadBalancer.APACHE_COOKIE))) {
					// Apache retries a request on another node only when the connection fails, not on an answer: a
					// reconnection whose handshake reached the stopping node gets its 503 (which takes that node
					// out of the balancer) and tries again
					assertThat(errors).as("errors of %s", client)
						.allSatisfy((error) -> assertThat(error.path("on").asString() + " "
								+ error.path("status").asInt()).isEqualTo("connect_error 503"));
					refusedByStoppingNode += errors.size();
				}
				else {
					assertThat(errors).as("errors of %s", client).isEmpty();
				}
			}
			if (!kill) {
				report(LoadBalancer.APACHE_COOKIE, "handshakes the stopping node refused with 503: %d",
						refusedByStoppingNode);
			}
			List<JsonNode> victims = clients.stream()
				.filter((client) -> client.get("node").asString().equals(victim.id()))
				.toList();
			List<JsonNode> survivors = clients.stream().filter((client) -> !victims.contains(client)).toList();
			assertThat(victims).isNotEmpty();
			staleCookiesReachALiveNode(victim);
			return new Recovery(victim, ticks, clients, victims, survivors, stopMillis, javaClients, javaVictims);
		}
		finally {
			javaClients.forEach(JavaClient::close);
		}
	}

	/**
	 * Connects Java clients through HAProxy (the nodes' cookie), round robin over the nodes, until one is on the
	 * victim: the others stay connected, as survivors.
	 */
	private List<JavaClient> javaClientsUntilOneOn(Node victim, boolean pollingOnly) throws Exception {
		List<JavaClient> clients = new ArrayList<>();
		for (int attempt = 0; attempt < 3 * LoadBalancer.NODE_IDS.size(); attempt++) {
			JavaClient client = JavaClient.connect(url(LoadBalancer.HAPROXY_SIONODE), pollingOnly);
			clients.add(client);
			if (client.node().equals(victim.id())) {
				return clients;
			}
		}
		clients.forEach(JavaClient::close);
		return fail("No Java client (" + (pollingOnly ? "polling" : "upgraded") + ") reached " + victim.id()
				+ " through HAProxy");
	}

	/**
	 * What the Java client (2.1, which does not implement connection state recovery: it never sends the private id
	 * and offset) gets when its node goes away: a new session on another node, where it joins its room again; it
	 * misses the ticks of that gap, and gets none twice. Its peers on the surviving nodes miss nothing.
	 */
	private void assertJavaClients(Recovery recovery) {
		for (JavaClient client : recovery.javaClients) {
			assertThat(client.ticks()).as("ticks %s got twice", client).doesNotHaveDuplicates();
			if (!recovery.javaVictims.contains(client)) {
				assertThat(client.missing(recovery.ticks)).as("ticks %s missed", client).isEmpty();
				assertThat(client.disconnects()).as("disconnects of %s", client).isEmpty();
			}
		}
		assertThat(recovery.javaVictims.stream().map((client) -> client.transport).distinct())
			.as("transports of the Java clients of %s", recovery.victim.id())
			.containsExactlyInAnyOrder("polling", "polling+websocket");
		for (JavaClient client : recovery.javaVictims) {
			JavaClient.Reconnection last = client.lastReconnection();
			assertThat(client.disconnects()).as("disconnects of %s", client)
				.isNotEmpty()
				.doesNotContain("io server disconnect");
			assertThat(last.recovered).as("recovered: %s", client).isFalse();
			assertThat(last.id).as("id after reconnection: %s", client).isNotEqualTo(client.id());
			assertThat(last.rejoined).as("joined its room again: %s", client).isTrue();
			assertThat(last.node).as("node after reconnection: %s", client).isNotEqualTo(recovery.victim.id());
			List<Long> missing = List.copyOf(client.missing(recovery.ticks));
			if (!missing.isEmpty()) {
				assertThat(missing.get(missing.size() - 1) - missing.get(0) + 1).as("one gap in the ticks of %s",
						client)
					.isEqualTo(missing.size());
			}
		}
		report(null, "Java clients (no connection state recovery in io.socket 2.1): %d of %d on %s, each back on %s "
				+ "with a new id after missing %s ticks; the others missed none; the returns: %s",
				recovery.javaVictims.size(), recovery.javaClients.size(), recovery.victim.id(),
				recovery.javaVictims.stream().map((client) -> client.lastReconnection().node).distinct().sorted()
					.toList(),
				recovery.javaVictims.stream().map((client) -> client.missing(recovery.ticks).size()).toList(),
				recovery.javaVictims.stream()
					.map((client) -> client.transport + " " + client.disconnects() + " back after "
							+ client.lastReconnection().afterMillis + " ms, connect errors " + client.connectErrors()
							+ ", transport errors " + client.transportErrors())
					.toList());
	}

	/**
	 * A browser reconnecting after its node went away still sends that node's cookie (the JavaScript client in
	 * Node.js starts every connection with an empty cookie jar, so the scenarios above do not): every balancer
	 * must still hand its handshake to a live node, which sets its own cookie.
	 */
	private void staleCookiesReachALiveNode(Node gone) throws Exception {
		Map<LoadBalancer, String> staleCookies = new EnumMap<>(LoadBalancer.class);
		staleCookies.put(LoadBalancer.HAPROXY_SIONODE, "SIONODE=" + gone.id());
		staleCookies.put(LoadBalancer.HAPROXY_INSERT, "SERVERID=" + gone.id());
		staleCookies.put(LoadBalancer.HAPROXY_PREFIX, "io=" + gone.id() + "~AAAAAAAAAAAAAAAAAAAA");
		staleCookies.put(LoadBalancer.NGINX_COOKIE_MAP, "SIONODE=" + gone.id());
		staleCookies.put(LoadBalancer.APACHE_COOKIE, "SERVERID=sticky." + gone.id());
		Set<String> live = this.nodes.stream()
			.filter((node) -> node.process().isAlive())
			.map(Node::id)
			.collect(Collectors.toSet());
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		for (Map.Entry<LoadBalancer, String> stale : staleCookies.entrySet()) {
			HttpRequest handshake = HttpRequest
				.newBuilder(URI.create(url(stale.getKey()) + "/socket.io/?EIO=4&transport=polling"))
				.header("Cookie", stale.getValue())
				.timeout(Duration.ofSeconds(20))
				.GET()
				.build();
			HttpResponse<String> response = http.send(handshake, HttpResponse.BodyHandlers.ofString());
			List<String> cookies = response.headers().allValues("set-cookie");
			assertThat(response.statusCode()).as("%s with %s", stale.getKey(), stale.getValue()).isEqualTo(200);
			assertThat(response.body()).startsWith("0{\"sid\"");
			assertThat(cookies).as("cookies set by %s", stale.getKey())
				.anySatisfy((cookie) -> assertThat(cookie).startsWith("SIONODE=")
					.satisfies((value) -> assertThat(live).contains(value.substring(8, value.indexOf(';')))))
				.noneSatisfy((cookie) -> assertThat(cookie).contains(gone.id()));
		}
		report(null, "a handshake with %s's stale cookie through %s reached a live node, which set its own cookie",
				gone.id(), staleCookies.keySet());
	}

	private static JsonNode lastReconnection(JsonNode client) {
		JsonNode reconnections = client.get("reconnections");
		assertThat(reconnections.isEmpty()).as("reconnections of %s", client).isFalse();
		return reconnections.get(reconnections.size() - 1);
	}

	private JsonNode run(String scenario, Map<String, Object> options) throws Exception {
		Map<String, Object> all = new LinkedHashMap<>(options);
		all.put("timeoutMs", SCRIPT_TIMEOUT.toMillis());
		try (ClientScript script = ClientScript.start(this.processes, scenario, all)) {
			return script.done(SCRIPT_TIMEOUT.plusSeconds(10));
		}
	}

	private String url(LoadBalancer balancer) {
		return this.balancers.get(balancer).url();
	}

	private void assertSpread(LoadBalancer balancer, Map<String, Long> perNode) {
		if (balancer.spreads) {
			assertThat(perNode.keySet()).as("nodes the clients are on").containsExactlyInAnyOrderElementsOf(
					LoadBalancer.NODE_IDS);
		}
		else {
			// hashing the client's address: every client of 127.0.0.1 on one node
			assertThat(perNode).as("nodes the clients are on").hasSize(1);
		}
	}

	private static Map<String, Long> perNode(List<JsonNode> clients) {
		return clients.stream()
			.collect(Collectors.groupingBy((client) -> client.get("node").asString(), TreeMap::new,
					Collectors.counting()));
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items;
	}

	private static List<String> strings(JsonNode array) {
		return list(array).stream().map(JsonNode::asString).toList();
	}

	private static void report(LoadBalancer balancer, String format, Object... args) {
		System.out.println("[load balancers] " + ((balancer != null) ? balancer.name() + ": " : "")
				+ String.format(format, args));
	}

}
