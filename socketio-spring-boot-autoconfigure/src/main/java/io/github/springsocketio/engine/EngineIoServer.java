package io.github.springsocketio.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * An Engine.IO v4 endpoint on Reactor Netty: validates requests as the Node.js reference does, opens sessions, and
 * routes polling requests and WebSocket connections to them. With {@link EngineIoOptions#allowEio3()} it serves
 * Engine.IO v3 clients too, each session keeping the revision of its handshake.
 *
 * <pre>{@code
 * EngineIoServer engine = new EngineIoServer(EngineIoOptions.builder().path("/engine.io/").build(),
 *         (session, message) -> session.send(EnginePacket.text(message.text())));
 * HttpServer.create().route(engine::registerRoutes).bindNow();
 * }</pre>
 */
public final class EngineIoServer {

	private static final Log logger = LogFactory.getLog(EngineIoServer.class);

	private static final String ORIGIN_NOT_ALLOWED = "Origin not allowed";

	private final EngineIoOptions options;

	private final EngineIoListener listener;

	private final @Nullable CorsProcessor cors;

	private final WebsocketServerSpec webSocketSpec;

	private final @Nullable PerMessageDeflate perMessageDeflate;

	private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();

	private volatile boolean accepting = true;

	private final UnknownSessionWarnings unknownSessions = new UnknownSessionWarnings();

	private volatile EngineIoObserver observer = EngineIoObserver.NONE;

	private final MemoryBudget memoryBudget;

	private final @Nullable AddressGuard addressGuard;

	private final ClientAddresses clientAddresses;

	/**
	 * Creates an endpoint.
	 * @param options how it behaves
	 * @param listener what receives its sessions' events
	 */
	public EngineIoServer(EngineIoOptions options, EngineIoListener listener) {
		this.options = Objects.requireNonNull(options, "options");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.cors = (options.cors() != null) ? new CorsProcessor(options.cors()) : null;
		this.webSocketSpec = WebsocketServerSpec.builder()
			.maxFramePayloadLength((int) options.maxHttpBufferSize())
			// permessage-deflate is agreed here rather than by Reactor Netty, whose decoder has no size limit
			.compress(false)
			.build();
		this.perMessageDeflate = (options.perMessageDeflate() != null)
				? new PerMessageDeflate(options.perMessageDeflate(), options.maxHttpBufferSize()) : null;
		this.memoryBudget = LoadShedder.budget(options.memoryBudget(),
				() -> this.sessions.values().stream().map((session) -> session.memory).toList());
		AddressLimits addressLimits = options.addressLimits();
		this.addressGuard = addressLimits.enabled() ? new AddressGuard(addressLimits, System::nanoTime) : null;
		this.clientAddresses = new ClientAddresses(addressLimits.trustedProxies());
	}

	/** @return the options of this endpoint */
	public EngineIoOptions options() {
		return this.options;
	}

	EngineIoListener listener() {
		return this.listener;
	}

	/**
	 * Adds this endpoint to Reactor Netty routes, e.g. from a Spring Boot {@code NettyRouteProvider}.
	 * <pre>{@code
	 * HttpServer.create().route(routes -> engine.registerRoutes(routes.get("/health", health)));
	 * }</pre>
	 * @param routes the routes to add to
	 * @return the same routes
	 */
	public HttpServerRoutes registerRoutes(HttpServerRoutes routes) {
		return routes.route(this::matches, this::handle);
	}

	/**
	 * Whether a request is for this endpoint: its target starts with the configured path.
	 * @param request the request
	 * @return whether {@link #handle} should serve it
	 */
	public boolean matches(HttpServerRequest request) {
		return request.uri().startsWith(this.options.path());
	}

	/**
	 * Adds an observer of this endpoint's sessions; every observer added receives every event, in the order added.
	 * Adding one that is already there changes nothing.
	 * @param observer the observer
	 */
	public synchronized void observe(EngineIoObserver observer) {
		this.observer = CompositeEngineIoObserver.add(this.observer, Objects.requireNonNull(observer, "observer"));
	}

	EngineIoObserver observer() {
		return this.observer;
	}

	/** @return the count of the bytes this endpoint's sessions hold, against {@link EngineIoOptions#memoryBudget()} */
	public MemoryBudget memoryBudget() {
		return this.memoryBudget;
	}

	/** @return the number of open sessions */
	public int sessionCount() {
		return this.sessions.size();
	}

	/** @return the open sessions, a snapshot */
	public Collection<EngineIoSession> sessions() {
		return Collections.unmodifiableCollection(new ArrayList<>(this.sessions.values()));
	}

	/**
	 * Stops opening sessions and closes the open ones. Handshakes arriving afterwards are answered {@code 503}.
	 * @param reason the reason reported for the closed sessions
	 */
	public void shutdown(CloseReason reason) {
		this.accepting = false;
		for (Session session : this.sessions.values()) {
			session.close(reason);
		}
	}

	/**
	 * Closes every session ({@code forced close}) and stops opening new ones; called when the application context
	 * closes.
	 */
	public void close() {
		shutdown(CloseReason.FORCED_CLOSE);
	}

	/** @return false once {@link #shutdown} has begun */
	boolean isAccepting() {
		return this.accepting;
	}

	void remove(Session session) {
		this.sessions.remove(session.id(), session);
	}

	/**
	 * Serves one request of this endpoint.
	 * @param request the request
	 * @param response its response
	 * @return completes when the request has been answered
	 */
	public Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		try {
			return dispatch(request, response);
		}
		catch (RuntimeException ex) {
			logger.error("Failed to serve " + request.method() + " " + request.uri(), ex);
			return response.status(500).send();
		}
	}

	private Mono<Void> dispatch(HttpServerRequest request, HttpServerResponse response) {
		HttpHeaders requestHeaders = request.requestHeaders();
		boolean upgrade = WebSocketUpgradeCheck.isUpgrade(request);
		if (this.cors != null) {
			this.cors.addResponseHeaders(requestHeaders, response.responseHeaders());
			if (this.cors.refuses(requestHeaders.get(HttpHeaderNames.ORIGIN))) {
				return refuseOrigin(response, upgrade);
			}
			if (!upgrade && CorsProcessor.isPreflight(request.method(), requestHeaders)) {
				this.cors.addPreflightHeaders(requestHeaders, response.responseHeaders());
				return response.status(204).send();
			}
		}
		Map<String, String> query = QueryParameters.of(request.uri());
		Transport transport = Transport.fromId(query.get("transport"));
		if (transport == null || !this.options.transports().contains(transport)) {
			return refuse(response, upgrade, EngineIoError.UNKNOWN_TRANSPORT, null);
		}
		String origin = requestHeaders.get(HttpHeaderNames.ORIGIN);
		if (origin != null && !isValidHeaderValue(origin)) {
			return refuse(response, upgrade, EngineIoError.BAD_REQUEST, null);
		}
		String sid = query.get("sid");
		if (sid != null) {
			return serveSession(request, response, upgrade, transport, sid, query);
		}
		if (!HttpMethod.GET.equals(request.method())) {
			return refuse(response, upgrade, EngineIoError.BAD_HANDSHAKE_METHOD, null);
		}
		if (upgrade != (transport == Transport.WEBSOCKET)) {
			return refuse(response, upgrade, EngineIoError.BAD_REQUEST, null);
		}
		if (!this.accepting) {
			return response.status(503).send();
		}
		if (this.memoryBudget.isShedding()) {
			return refuse(response, upgrade, EngineIoError.SERVER_OVERLOADED, null);
		}
		if (this.addressGuard == null) {
			return admitted(request, response, upgrade, transport, query, AddressGuard.Permit.NONE);
		}
		String address = this.clientAddresses.resolve(request.remoteAddress(), requestHeaders);
		AddressGuard.Admission admission = this.addressGuard.admit(address);
		AddressLimit refusal = admission.refusal();
		if (refusal != null) {
			logger.debug("Refused a handshake from " + address + ": " + refusal.message());
			this.observer.handshakeLimited(refusal);
			return refuse(response, upgrade, EngineIoError.FORBIDDEN, refusal.message());
		}
		AddressGuard.Permit permit = Objects.requireNonNull(admission.permit());
		// a handshake that opens no session (refused below, failed upgrade) gives its place back
		return admitted(request, response, upgrade, transport, query, permit)
			.doFinally((signal) -> permit.releaseUnlessHeld());
	}

	/** A handshake within the address limits: the allow-request hook decides, then the session opens. */
	private Mono<Void> admitted(HttpServerRequest request, HttpServerResponse response, boolean upgrade,
			Transport transport, Map<String, String> query, AddressGuard.Permit permit) {
		HandshakeRequest handshake = HandshakeRequest.of(request, query);
		AllowRequestHandler allowRequest = this.options.allowRequest();
		if (allowRequest == null) {
			return handshake(request, response, transport, handshake, query, permit);
		}
		return Mono.defer(() -> allowRequest.allow(handshake))
			.defaultIfEmpty(AllowRequestDecision.deny())
			.onErrorResume((ex) -> {
				logger.warn("The allow-request hook failed; refusing the handshake", ex);
				return Mono.just(AllowRequestDecision.deny());
			})
			.flatMap((decision) -> decision.allowed() ? handshake(request, response, transport, handshake, query, permit)
					: refuse(response, upgrade, EngineIoError.FORBIDDEN, decision.message()));
	}

	private Mono<Void> handshake(HttpServerRequest request, HttpServerResponse response, Transport transport,
			HandshakeRequest handshake, Map<String, String> query, AddressGuard.Permit permit) {
		int protocol = protocol(query);
		if (protocol == 3 && !this.options.allowEio3()) {
			return refuse(response, transport == Transport.WEBSOCKET, EngineIoError.UNSUPPORTED_PROTOCOL_VERSION, null);
		}
		Mono<Void> malformed = (transport == Transport.WEBSOCKET) ? refuseMalformedUpgrade(request, response) : null;
		if (malformed != null) {
			return malformed;
		}
		return openSession(request, response, transport, handshake, permit, protocol);
	}

	/** The revision a request speaks: {@code EIO=4} is v4, anything else (or nothing) v3, as in Node.js. */
	private static int protocol(Map<String, String> query) {
		return "4".equals(query.get("EIO")) ? 4 : 3;
	}

	private Mono<Void> serveSession(HttpServerRequest request, HttpServerResponse response, boolean upgrade,
			Transport transport, String sid, Map<String, String> query) {
		Session session = this.sessions.get(sid);
		if (session == null) {
			this.unknownSessions.unknownSession(this.options.path());
			return refuse(response, upgrade, EngineIoError.UNKNOWN_SID, null);
		}
		if (upgrade) {
			if (transport != Transport.WEBSOCKET) {
				return refuse(response, true, EngineIoError.BAD_REQUEST, null);
			}
			if (protocol(query) != session.protocol()) {
				// a v3 session upgrading with EIO=4, or the reverse
				return refuse(response, true, EngineIoError.BAD_REQUEST, null);
			}
			Mono<Void> malformed = refuseMalformedUpgrade(request, response);
			if (malformed != null) {
				return malformed;
			}
			customizeHandshake(session.handshake(), Transport.WEBSOCKET, response);
			// Registered before the 101 is sent, so ahead of any request the client makes once it has the socket.
			WebSocketTransport candidate = new WebSocketTransport(channel(request), query.containsKey("b64"),
					session.protocol() == 3, negotiateDeflate(request, response));
			session.queueTask(() -> session.onUpgradeRequest(candidate));
			return response.sendWebsocket(
					(in, out) -> candidate.receive(in, session, (int) this.options.maxHttpBufferSize()),
					this.webSocketSpec);
		}
		boolean poll = HttpMethod.GET.equals(request.method());
		if (transport != session.transport() && !(poll && transport == Transport.POLLING)) {
			// (a poll after the upgrade is refused by the session, in order with what the WebSocket already sent)
			return refuse(response, false, EngineIoError.BAD_REQUEST, null);
		}
		if (poll) {
			return HttpAnswers.writeFromConnectionLoop(response,
					Mono.<HttpReply>create((get) -> session.queueTask(() -> session.onPoll(get))),
					HttpCompression.negotiate(this.options.httpCompression(), request.requestHeaders()));
		}
		if (HttpMethod.POST.equals(request.method())) {
			return PollingPost.receive(request, response, session, this.options.maxHttpBufferSize());
		}
		return response.status(500).send();
	}

	private Mono<Void> openSession(HttpServerRequest request, HttpServerResponse response, Transport transport,
			HandshakeRequest handshake, AddressGuard.Permit permit, int protocol) {
		String sid = SessionIds.next();
		if (transport == Transport.POLLING) {
			Channel channel = channel(request);
			Session session = new Session(sid, handshake, Transport.POLLING, this, channel.eventLoop(), protocol);
			session.hold(permit);
			this.sessions.put(sid, session);
			CookieOptions cookie = this.options.cookie();
			if (cookie != null) {
				response.addHeader(HttpHeaderNames.SET_COOKIE, cookie.toSetCookie(sid));
			}
			customizeHandshake(handshake, Transport.POLLING, response);
			return Mono.<HttpReply>create((get) -> session.execute(() -> session.openPolling(get)))
				.flatMap((reply) -> HttpAnswers.write(response, reply,
						HttpCompression.negotiate(this.options.httpCompression(), request.requestHeaders())));
		}
		customizeHandshake(handshake, Transport.WEBSOCKET, response);
		PerMessageDeflate.Agreed deflate = negotiateDeflate(request, response);
		// The upgrade may complete before the session exists, or fail: the connection holds the place until it closes.
		permit.hold();
		channel(request).closeFuture().addListener((closed) -> permit.release());
		return response.sendWebsocket((in, out) -> {
			Channel channel = channel(in);
			Session session = new Session(sid, handshake, Transport.WEBSOCKET, this, channel.eventLoop(),
					protocol);
			WebSocketTransport webSocket = new WebSocketTransport(channel, handshake.query().containsKey("b64"),
					protocol == 3, deflate);
			session.hold(permit);
			this.sessions.put(sid, session);
			Mono<Void> closed = webSocket.receive(in, session, (int) this.options.maxHttpBufferSize());
			session.execute(() -> session.openWebSocket(webSocket));
			return closed;
		}, this.webSocketSpec);
	}

	private PerMessageDeflate.@Nullable Agreed negotiateDeflate(HttpServerRequest request, HttpServerResponse response) {
		return (this.perMessageDeflate != null)
				? this.perMessageDeflate.negotiate(request.requestHeaders(), response.responseHeaders()) : null;
	}

	private void customizeHandshake(HandshakeRequest request, Transport transport, HttpServerResponse response) {
		for (HandshakeResponseCustomizer customizer : this.options.handshakeCustomizers()) {
			try {
				customizer.customize(request, transport, response.responseHeaders());
			}
			catch (RuntimeException ex) {
				logger.error("A handshake response customizer failed", ex);
			}
		}
	}

	/**
	 * Refuses a request: a JSON error for plain HTTP, a plain-text 400 for a WebSocket upgrade (which the reference
	 * writes on the raw socket before closing it).
	 */
	private Mono<Void> refuse(HttpServerResponse response, boolean upgrade, EngineIoError error,
			@Nullable String message) {
		this.observer.requestRefused(error);
		String text = (message != null) ? message : error.message();
		int upgradeStatus = (error == EngineIoError.SERVER_OVERLOADED) ? error.status() : 400;
		return upgrade ? HttpAnswers.refuseUpgrade(response, upgradeStatus, text)
				: HttpAnswers.write(response, HttpReply.error(error, text));
	}

	/** Node.js's {@code ws} checks, after the engine's as there; {@code null} when the upgrade may go ahead. */
	private @Nullable Mono<Void> refuseMalformedUpgrade(HttpServerRequest request, HttpServerResponse response) {
		String problem = WebSocketUpgradeCheck.problem(request.requestHeaders());
		return (problem != null) ? refuse(response, true, EngineIoError.BAD_REQUEST, problem) : null;
	}

	/** A disallowed origin gets {@code 403} on every transport; on polling with the reference's Forbidden code. */
	private Mono<Void> refuseOrigin(HttpServerResponse response, boolean upgrade) {
		if (!upgrade) {
			return refuse(response, false, EngineIoError.FORBIDDEN, ORIGIN_NOT_ALLOWED);
		}
		this.observer.requestRefused(EngineIoError.FORBIDDEN);
		return HttpAnswers.refuseUpgrade(response, 403, ORIGIN_NOT_ALLOWED);
	}

	/** Node's {@code checkInvalidHeaderChar}: tab, printable ASCII and obs-text only. */
	private static boolean isValidHeaderValue(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(c == '\t' || (c >= 0x20 && c <= 0x7e) || (c >= 0x80 && c <= 0xff))) {
				return false;
			}
		}
		return true;
	}

	private static Channel channel(NettyInbound inbound) {
		Channel[] channel = new Channel[1];
		inbound.withConnection((Connection connection) -> channel[0] = connection.channel());
		if (channel[0] == null) {
			throw new IllegalStateException("No connection behind the request");
		}
		return channel[0];
	}

}
