package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.springsocketio.adapter.redis.RedisAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import io.github.springsocketio.engine.CorsOptions;
import io.github.springsocketio.engine.Transport;
import io.github.springsocketio.server.EventRateAction;
import io.github.springsocketio.server.ParserType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the Socket.IO server, under {@code socketio.*}. Defaults are those of the Node.js reference
 * server; durations without a unit are milliseconds, sizes without a unit bytes.
 */
@ConfigurationProperties("socketio")
public class SocketIOProperties {

	/**
	 * Whether to serve Socket.IO at all.
	 */
	private boolean enabled = true;

	/**
	 * Name of this server node, used by metrics, the sticky cookie and clustering; unset takes the host name and
	 * process id, stable for the life of the process.
	 */
	private @Nullable String nodeId;

	/**
	 * Path prefix of the Engine.IO endpoint; a trailing slash is added if missing.
	 */
	private String path = "/socket.io/";

	/**
	 * Time between two pings sent by the server.
	 */
	private Duration pingInterval = Duration.ofSeconds(25);

	/**
	 * How long the server waits for the pong before it closes the session.
	 */
	private Duration pingTimeout = Duration.ofSeconds(20);

	/**
	 * How long an upgrade from HTTP long-polling to WebSocket may take.
	 */
	private Duration upgradeTimeout = Duration.ofSeconds(10);

	/**
	 * Largest message or polling request body accepted from a client; larger ones close that client's connection
	 * (413 on polling, close code 1009 on WebSocket). A binary packet counts as a whole, its text and attachments
	 * together: one growing past it closes the connection as a parse error. Announced to clients as maxPayload.
	 */
	private DataSize maxHttpBufferSize = DataSize.ofBytes(1_000_000);

	/**
	 * Transports clients may use.
	 */
	private List<Transport> transports = new ArrayList<>(List.of(Transport.POLLING, Transport.WEBSOCKET));

	/**
	 * Whether HTTP long-polling sessions may upgrade to WebSocket.
	 */
	private boolean allowUpgrades = true;

	/**
	 * Whether Engine.IO v3 clients (Socket.IO 2.x, e.g. socket.io-client 2.x or io.socket:socket.io-client 1.x) are
	 * served beside current ones, as Node.js's allowEIO3; meant for the time of a migration.
	 */
	private boolean allowEio3;

	/**
	 * How long a new connection may take to join a namespace before it is closed.
	 */
	private Duration connectTimeout = Duration.ofSeconds(45);

	/**
	 * How long a graceful shutdown waits for the clients' connections to close after telling them the server is
	 * shutting down (and for their sessions to be kept).
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * How long a connection to the server may take to send a complete request head (request line and headers); a
	 * slower one gets 408 and is closed, as Node.js does with its headersTimeout. Zero turns the limit off. Requests
	 * being served (a long poll) and WebSockets are not affected.
	 */
	private Duration requestHeaderTimeout = Duration.ofSeconds(60);

	/**
	 * Most binary attachments one packet may announce; a packet announcing more closes the client's connection.
	 */
	private int maxAttachments = 10;

	/**
	 * Whether a child of a dynamic namespace is removed once its last socket left (after the recovery window when
	 * connection state recovery is on), so that clients cannot make the server keep one for every name they try.
	 * Node.js's option of the same name is off by default.
	 */
	private boolean cleanupEmptyChildNamespaces = true;

	/**
	 * Proxies, as IP addresses or CIDR blocks, whose Forwarded or X-Forwarded-For header names the client that the
	 * per-address limits count; a request from any other peer is counted against the peer's own address, whatever
	 * its headers say. The default trusts loopback and private networks, where load balancers live (as Tomcat's
	 * RemoteIpValve does); empty trusts no header.
	 */
	private List<String> trustedProxies = new ArrayList<>(List.of("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12",
			"192.168.0.0/16", "100.64.0.0/10", "::1", "fc00::/7"));

	/**
	 * Wire format of packets, which clients must use too: default (socket.io-parser, JSON text) or msgpack
	 * (socket.io-msgpack-parser 3.x, one MessagePack binary message per packet; needs msgpack-core).
	 */
	private ParserType parser = ParserType.DEFAULT;

	private final Limits limits = new Limits();

	private final Cors cors = new Cors();

	private final ConnectionStateRecovery connectionStateRecovery = new ConnectionStateRecovery();

	private final Cookie cookie = new Cookie();

	private final Sticky sticky = new Sticky();

	private final SlowClient slowClient = new SlowClient();

	private final HttpCompression httpCompression = new HttpCompression();

	private final PerMessageDeflate perMessageDeflate = new PerMessageDeflate();

	private final Adapter adapter = new Adapter();

	private final HandlerExecutor handlerExecutor = new HandlerExecutor();

	public ParserType getParser() {
		return this.parser;
	}

	public void setParser(ParserType parser) {
		this.parser = parser;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public Duration getPingTimeout() {
		return this.pingTimeout;
	}

	public void setPingTimeout(Duration pingTimeout) {
		this.pingTimeout = pingTimeout;
	}

	public Duration getUpgradeTimeout() {
		return this.upgradeTimeout;
	}

	public void setUpgradeTimeout(Duration upgradeTimeout) {
		this.upgradeTimeout = upgradeTimeout;
	}

	public DataSize getMaxHttpBufferSize() {
		return this.maxHttpBufferSize;
	}

	public void setMaxHttpBufferSize(DataSize maxHttpBufferSize) {
		this.maxHttpBufferSize = maxHttpBufferSize;
	}

	/**
	 * Most bytes all connections together may hold in buffers (data waiting to be sent, request bodies and messages
	 * being handled, binary packets waiting for their attachments). Past it the server sheds load: new connections
	 * get 503 and the connections holding the most are closed until usage is back under 75% of it. Unset, it is half
	 * the maximum heap (-Xmx).
	 */
	private @Nullable DataSize memoryBudget;

	public @Nullable DataSize getMemoryBudget() {
		return this.memoryBudget;
	}

	public void setMemoryBudget(@Nullable DataSize memoryBudget) {
		this.memoryBudget = memoryBudget;
	}

	public List<Transport> getTransports() {
		return this.transports;
	}

	public void setTransports(List<Transport> transports) {
		this.transports = transports;
	}

	public boolean isAllowUpgrades() {
		return this.allowUpgrades;
	}

	public void setAllowUpgrades(boolean allowUpgrades) {
		this.allowUpgrades = allowUpgrades;
	}

	public boolean isAllowEio3() {
		return this.allowEio3;
	}

	public void setAllowEio3(boolean allowEio3) {
		this.allowEio3 = allowEio3;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Duration getRequestHeaderTimeout() {
		return this.requestHeaderTimeout;
	}

	public void setRequestHeaderTimeout(Duration requestHeaderTimeout) {
		this.requestHeaderTimeout = requestHeaderTimeout;
	}

	public int getMaxAttachments() {
		return this.maxAttachments;
	}

	public void setMaxAttachments(int maxAttachments) {
		this.maxAttachments = maxAttachments;
	}

	public HandlerExecutor getHandlerExecutor() {
		return this.handlerExecutor;
	}

	public boolean isCleanupEmptyChildNamespaces() {
		return this.cleanupEmptyChildNamespaces;
	}

	public void setCleanupEmptyChildNamespaces(boolean cleanupEmptyChildNamespaces) {
		this.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Cors getCors() {
		return this.cors;
	}

	public ConnectionStateRecovery getConnectionStateRecovery() {
		return this.connectionStateRecovery;
	}

	public Cookie getCookie() {
		return this.cookie;
	}

	public Sticky getSticky() {
		return this.sticky;
	}

	public SlowClient getSlowClient() {
		return this.slowClient;
	}

	public HttpCompression getHttpCompression() {
		return this.httpCompression;
	}

	public PerMessageDeflate getPerMessageDeflate() {
		return this.perMessageDeflate;
	}

	public Adapter getAdapter() {
		return this.adapter;
	}

	/**
	 * CORS for the Engine.IO endpoint. WebFlux's CORS configuration does not apply to it.
	 */
	public static class Cors {

		/**
		 * Origins allowed to use the endpoint from a browser, echoed back exactly; '*' allows any origin (not with
		 * credentials). Empty (the default) sends no CORS headers at all.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Origin patterns with '*' wildcards, such as 'https://*.example.com'; a matching origin is echoed back.
		 */
		private List<String> allowedOriginPatterns = new ArrayList<>();

		/**
		 * Methods announced in answers to preflight requests.
		 */
		private List<String> allowedMethods = new ArrayList<>(CorsOptions.DEFAULT_METHODS);

		/**
		 * Request headers announced in answers to preflight requests; empty echoes the headers the browser asked for.
		 */
		private List<String> allowedHeaders = new ArrayList<>();

		/**
		 * Response headers a browser script may read.
		 */
		private List<String> exposedHeaders = new ArrayList<>();

		/**
		 * Whether browsers may send cookies (needed for cookie-based sticky sessions across origins). Requires exact
		 * origins.
		 */
		private boolean allowCredentials;

		/**
		 * How long browsers may cache the answer to a preflight request; unset sends no Access-Control-Max-Age.
		 */
		private @Nullable Duration maxAge;

		/**
		 * Whether a request from an origin that is not allowed is refused with 403 on every transport, WebSocket
		 * included. Requests without an Origin header (clients that are no browser) are always served.
		 */
		private boolean rejectDisallowedOrigins = true;

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public List<String> getAllowedOriginPatterns() {
			return this.allowedOriginPatterns;
		}

		public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
			this.allowedOriginPatterns = allowedOriginPatterns;
		}

		public List<String> getAllowedMethods() {
			return this.allowedMethods;
		}

		public void setAllowedMethods(List<String> allowedMethods) {
			this.allowedMethods = allowedMethods;
		}

		public List<String> getAllowedHeaders() {
			return this.allowedHeaders;
		}

		public void setAllowedHeaders(List<String> allowedHeaders) {
			this.allowedHeaders = allowedHeaders;
		}

		public List<String> getExposedHeaders() {
			return this.exposedHeaders;
		}

		public void setExposedHeaders(List<String> exposedHeaders) {
			this.exposedHeaders = exposedHeaders;
		}

		public boolean isAllowCredentials() {
			return this.allowCredentials;
		}

		public void setAllowCredentials(boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
		}

		public @Nullable Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
		}

		public boolean isRejectDisallowedOrigins() {
			return this.rejectDisallowedOrigins;
		}

		public void setRejectDisallowedOrigins(boolean rejectDisallowedOrigins) {
			this.rejectDisallowedOrigins = rejectDisallowedOrigins;
		}

	}

	/**
	 * The attributes of a cookie the server sets, shared by the Engine.IO session cookie ({@code socketio.cookie.*})
	 * and the sticky node cookie ({@code socketio.sticky.*}).
	 */
	public static class CookieAttributes {

		/**
		 * Cookie Path attribute; it must cover socketio.path.
		 */
		private String path = "/";

		/**
		 * Cookie Domain attribute; unset sends none.
		 */
		private @Nullable String domain;

		/**
		 * Whether to add the HttpOnly attribute.
		 */
		private boolean httpOnly = true;

		/**
		 * Cookie SameSite attribute: strict, lax or none (none requires secure).
		 */
		private SameSite sameSite = SameSite.LAX;

		/**
		 * Whether to add the Secure attribute.
		 */
		private boolean secure;

		/**
		 * Cookie Max-Age; unset makes a browser-session cookie.
		 */
		private @Nullable Duration maxAge;

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public @Nullable String getDomain() {
			return this.domain;
		}

		public void setDomain(@Nullable String domain) {
			this.domain = domain;
		}

		public boolean isHttpOnly() {
			return this.httpOnly;
		}

		public void setHttpOnly(boolean httpOnly) {
			this.httpOnly = httpOnly;
		}

		public SameSite getSameSite() {
			return this.sameSite;
		}

		public void setSameSite(SameSite sameSite) {
			this.sameSite = sameSite;
		}

		public boolean isSecure() {
			return this.secure;
		}

		public void setSecure(boolean secure) {
			this.secure = secure;
		}

		public @Nullable Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/**
	 * The values of a cookie's SameSite attribute; bound case-insensitively ({@code lax}, {@code Lax}).
	 */
	public enum SameSite {

		/** Sent only with requests from the same site. */
		STRICT,

		/** Sent with requests from the same site and top-level navigations to it. */
		LAX,

		/** Sent with every request; browsers require the Secure attribute. */
		NONE;

		/** The value as the documentation and the properties spell it, which Spring Boot lists on a bad value. */
		@Override
		public String toString() {
			return asProperty(this);
		}

	}

	/**
	 * The Engine.IO session cookie (Node.js option 'cookie'): set on the polling handshake response, value the
	 * session id. Used by HAProxy in cookie prefix mode or with a stick table.
	 */
	public static class Cookie extends CookieAttributes {

		/**
		 * Whether to set the cookie.
		 */
		private boolean enabled;

		/**
		 * Cookie name.
		 */
		private String name = "io";

		/**
		 * Whether to add the Partitioned attribute.
		 */
		private boolean partitioned;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public boolean isPartitioned() {
			return this.partitioned;
		}

		public void setPartitioned(boolean partitioned) {
			this.partitioned = partitioned;
		}

	}

	/**
	 * Compression of HTTP long-polling responses, as Node.js's httpCompression option.
	 */
	public static class HttpCompression {

		/**
		 * Whether to compress polling responses (gzip or deflate, as the request's Accept-Encoding allows).
		 */
		private boolean enabled = true;

		/**
		 * Smallest polling response compressed; smaller ones are sent as they are.
		 */
		private DataSize threshold = DataSize.ofBytes(1024);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getThreshold() {
			return this.threshold;
		}

		public void setThreshold(DataSize threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * The WebSocket permessage-deflate extension, as Node.js's perMessageDeflate option.
	 */
	public static class PerMessageDeflate {

		/**
		 * Whether to agree to permessage-deflate with WebSocket clients that offer it. Off by default, as in Node.js:
		 * it costs memory and CPU on every connection.
		 */
		private boolean enabled;

		/**
		 * Smallest WebSocket message compressed; smaller ones are sent as they are.
		 */
		private DataSize threshold = DataSize.ofBytes(1024);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getThreshold() {
			return this.threshold;
		}

		public void setThreshold(DataSize threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * What happens to a client that does not read what is sent to it fast enough.
	 */
	public static class SlowClient {

		/**
		 * Most data that may wait to be sent to one client; past it the client's connection is closed with the
		 * reason 'slow client'. Volatile packets are dropped long before, as soon as the client's transport is busy.
		 */
		private DataSize maxBufferedSize = DataSize.ofMegabytes(16);

		public DataSize getMaxBufferedSize() {
			return this.maxBufferedSize;
		}

		public void setMaxBufferedSize(DataSize maxBufferedSize) {
			this.maxBufferedSize = maxBufferedSize;
		}

	}

	/**
	 * Connection state recovery: a client that lost its connection gets back its socket id, rooms, data and the
	 * events it missed, if it reconnects in time.
	 */
	public static class ConnectionStateRecovery {

		/**
		 * Whether to keep the state of clients that lost their connection.
		 */
		private boolean enabled;

		/**
		 * How long the state of a lost client and the events it missed are kept.
		 */
		private Duration maxDisconnectionDuration = Duration.ofMinutes(2);

		/**
		 * Whether a recovered client skips the connection middlewares.
		 */
		private boolean skipMiddlewares = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMaxDisconnectionDuration() {
			return this.maxDisconnectionDuration;
		}

		public void setMaxDisconnectionDuration(Duration maxDisconnectionDuration) {
			this.maxDisconnectionDuration = maxDisconnectionDuration;
		}

		public boolean isSkipMiddlewares() {
			return this.skipMiddlewares;
		}

		public void setSkipMiddlewares(boolean skipMiddlewares) {
			this.skipMiddlewares = skipMiddlewares;
		}

	}

	/**
	 * Which adapter spreads broadcasts and cluster operations over the server nodes.
	 */
	public static class Adapter {

		/**
		 * The adapter: memory (this node only), redis-streams (every node on the same Redis, through streams),
		 * redis (every node on the same Redis, through PUB/SUB, as Node's @socket.io/redis-adapter) or redis-sharded
		 * (through the sharded PUB/SUB of Redis 7, as that adapter's createShardedAdapter). Unset means redis-streams
		 * when Redis is configured (spring.data.redis.host, url, sentinel or cluster), memory otherwise.
		 */
		private @Nullable AdapterType type;

		private final Redis redis = new Redis();

		public @Nullable AdapterType getType() {
			return this.type;
		}

		public void setType(@Nullable AdapterType type) {
			this.type = type;
		}

		public Redis getRedis() {
			return this.redis;
		}

	}

	/**
	 * The adapters.
	 */
	public enum AdapterType {

		/** In memory: this node only. */
		MEMORY,

		/** Redis Streams: every node on the same Redis, Node.js nodes included. */
		REDIS_STREAMS,

		/** Redis PUB/SUB: every node on the same Redis, Node.js nodes of @socket.io/redis-adapter included. */
		REDIS,

		/**
		 * Redis 7 sharded PUB/SUB: every node on the same Redis, Node.js nodes of @socket.io/redis-adapter's
		 * createShardedAdapter included.
		 */
		REDIS_SHARDED;

		/** The value as the documentation and the properties spell it, which Spring Boot lists on a bad value. */
		@Override
		public String toString() {
			return asProperty(this);
		}

		/**
		 * Reads {@code socketio.adapter.type} before the properties are bound, as conditions must.
		 * @param environment the environment
		 * @return the type set, or {@code null} when none is
		 */
		static @Nullable AdapterType of(Environment environment) {
			return Binder.get(environment).bind("socketio.adapter.type", AdapterType.class).orElse(null);
		}

	}

	/**
	 * The Redis adapters, with the defaults of the Node.js @socket.io/redis-streams-adapter (redis-streams) and
	 * @socket.io/redis-adapter (redis).
	 */
	public static class Redis {

		/**
		 * Prefix of every PUB/SUB channel of the redis adapter (Node's key option).
		 */
		private String key = RedisAdapterOptions.DEFAULT_KEY;

		/**
		 * Whether the redis adapter answers requests on the requesting node's own response channel instead of the
		 * namespace's shared one (Node's publishOnSpecificResponseChannel); every node must agree.
		 */
		private boolean publishOnSpecificResponseChannel;

		/**
		 * Which rooms get a sharded channel of their own with the redis-sharded adapter (Node's subscriptionMode):
		 * static (none: every broadcast reaches every node), dynamic (public rooms: a node subscribes while it has
		 * members of the room) or dynamic-private (every room, socket ids included). Every node must agree.
		 */
		private SubscriptionMode subscriptionMode = SubscriptionMode.DYNAMIC;

		/**
		 * Key of the stream, or prefix of the keys when stream-count is more than 1.
		 */
		private String streamName = RedisStreamsAdapterOptions.DEFAULT_STREAM_NAME;

		/**
		 * Number of streams the namespaces are spread over.
		 */
		private int streamCount = RedisStreamsAdapterOptions.DEFAULT_STREAM_COUNT;

		/**
		 * Prefix of the PUB/SUB channels for requests and responses (redis-streams), and of every channel
		 * (redis-sharded).
		 */
		private String channelPrefix = RedisStreamsAdapterOptions.DEFAULT_CHANNEL_PREFIX;

		/**
		 * Approximate number of entries a stream keeps (XADD MAXLEN ~). It must hold at least the
		 * max-disconnection-duration's worth of broadcasts for connection state recovery.
		 */
		private long maxLength = RedisStreamsAdapterOptions.DEFAULT_MAX_LENGTH;

		/**
		 * Most entries one XREAD returns.
		 */
		private int readCount = RedisStreamsAdapterOptions.DEFAULT_READ_COUNT;

		/**
		 * How long one XREAD blocks waiting for entries.
		 */
		private Duration blockTime = RedisStreamsAdapterOptions.DEFAULT_BLOCK_TIME;

		/**
		 * Prefix of the keys holding connection state recovery sessions.
		 */
		private String sessionKeyPrefix = RedisStreamsAdapterOptions.DEFAULT_SESSION_KEY_PREFIX;

		/**
		 * How long requests to other nodes (fetchSockets, serverSideEmit with acknowledgements) and Redis commands
		 * wait for an answer.
		 */
		private Duration requestTimeout = RedisStreamsAdapterOptions.DEFAULT_REQUEST_TIMEOUT;

		/**
		 * Whether stream entries are always JSON, binary values then being sent as base64 strings instead of binary.
		 */
		private boolean onlyPlaintext;

		/**
		 * Whether, with connection state recovery on, what recovery needs of each socket (ids, namespace, rooms,
		 * data) is kept in Redis while it is connected, so that its client recovers on another node even when this
		 * node dies without closing it. Costs one batched write per changed socket and a few commands per node
		 * every 5 seconds.
		 */
		private boolean crashSafeRecovery = true;

		/**
		 * How many session recoveries this node runs at once. When a node dies and its clients all come back here,
		 * those past the bound wait for their turn; the recoveries under way share their stream reads.
		 */
		private int maxConcurrentRecoveries = 500;

		/**
		 * How many session recoveries wait for their turn at most. A client arriving when the queue is full gets a
		 * new session, as when its session cannot be read.
		 */
		private int maxQueuedRecoveries = 10_000;

		/**
		 * How long Redis may be unreachable before the socketio health indicator reports DOWN.
		 */
		private Duration healthDownAfter = Duration.ofSeconds(10);

		public String getKey() {
			return this.key;
		}

		public void setKey(String key) {
			this.key = key;
		}

		public boolean isPublishOnSpecificResponseChannel() {
			return this.publishOnSpecificResponseChannel;
		}

		public void setPublishOnSpecificResponseChannel(boolean publishOnSpecificResponseChannel) {
			this.publishOnSpecificResponseChannel = publishOnSpecificResponseChannel;
		}

		public String getStreamName() {
			return this.streamName;
		}

		public void setStreamName(String streamName) {
			this.streamName = streamName;
		}

		public boolean isCrashSafeRecovery() {
			return this.crashSafeRecovery;
		}

		public void setCrashSafeRecovery(boolean crashSafeRecovery) {
			this.crashSafeRecovery = crashSafeRecovery;
		}

		public int getMaxConcurrentRecoveries() {
			return this.maxConcurrentRecoveries;
		}

		public void setMaxConcurrentRecoveries(int maxConcurrentRecoveries) {
			this.maxConcurrentRecoveries = maxConcurrentRecoveries;
		}

		public int getMaxQueuedRecoveries() {
			return this.maxQueuedRecoveries;
		}

		public void setMaxQueuedRecoveries(int maxQueuedRecoveries) {
			this.maxQueuedRecoveries = maxQueuedRecoveries;
		}

		public int getStreamCount() {
			return this.streamCount;
		}

		public void setStreamCount(int streamCount) {
			this.streamCount = streamCount;
		}

		public String getChannelPrefix() {
			return this.channelPrefix;
		}

		public void setChannelPrefix(String channelPrefix) {
			this.channelPrefix = channelPrefix;
		}

		public long getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(long maxLength) {
			this.maxLength = maxLength;
		}

		public int getReadCount() {
			return this.readCount;
		}

		public void setReadCount(int readCount) {
			this.readCount = readCount;
		}

		public Duration getBlockTime() {
			return this.blockTime;
		}

		public void setBlockTime(Duration blockTime) {
			this.blockTime = blockTime;
		}

		public String getSessionKeyPrefix() {
			return this.sessionKeyPrefix;
		}

		public void setSessionKeyPrefix(String sessionKeyPrefix) {
			this.sessionKeyPrefix = sessionKeyPrefix;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public boolean isOnlyPlaintext() {
			return this.onlyPlaintext;
		}

		public void setOnlyPlaintext(boolean onlyPlaintext) {
			this.onlyPlaintext = onlyPlaintext;
		}

		public Duration getHealthDownAfter() {
			return this.healthDownAfter;
		}

		public void setHealthDownAfter(Duration healthDownAfter) {
			this.healthDownAfter = healthDownAfter;
		}

		public SubscriptionMode getSubscriptionMode() {
			return this.subscriptionMode;
		}

		public void setSubscriptionMode(SubscriptionMode subscriptionMode) {
			this.subscriptionMode = subscriptionMode;
		}

	}

	/**
	 * Which rooms get a sharded channel of their own (redis-sharded adapter).
	 */
	public enum SubscriptionMode {

		/** No room channels: every broadcast goes to the namespace's channel. */
		STATIC,

		/** A channel per public room, subscribed by the nodes with members of the room. */
		DYNAMIC,

		/** A channel per room, socket-id rooms included. */
		DYNAMIC_PRIVATE;

		/** The value as the documentation and the properties spell it, which Spring Boot lists on a bad value. */
		@Override
		public String toString() {
			return asProperty(this);
		}

	}

	/**
	 * The sticky node cookie: set on the responses that open sessions, its value naming this node, so that a
	 * cookie-routing load balancer (HAProxy, nginx map, Traefik, Apache, cloud balancers) keeps a long-polling
	 * session on the node that opened it. An unset max-age makes a browser-session cookie, which lets reconnections
	 * spread over the nodes.
	 */
	public static class Sticky extends CookieAttributes {

		/**
		 * Whether to set the sticky node cookie.
		 */
		private boolean enabled;

		/**
		 * Cookie name; without a dash so that nginx can read it as $cookie_SIONODE.
		 */
		private String cookieName = "SIONODE";

		/**
		 * Cookie value the load balancer routes by; unset uses socketio.node-id.
		 */
		private @Nullable String value;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getCookieName() {
			return this.cookieName;
		}

		public void setCookieName(String cookieName) {
			this.cookieName = cookieName;
		}

		public @Nullable String getValue() {
			return this.value;
		}

		public void setValue(@Nullable String value) {
			this.value = value;
		}

	}

	/**
	 * The threads that run annotated handlers (@SocketIOEvent, @OnConnect, ...) that do not return a Mono or a
	 * CompletionStage. Each socket's handlers run one at a time, in the order its events arrived.
	 */
	public static class HandlerExecutor {

		/**
		 * Which threads: auto (virtual threads on Java 21 and later, else a bounded pool), virtual-threads, or pool.
		 */
		private ExecutorType type = ExecutorType.AUTO;

		/**
		 * Number of threads of the bounded pool (type pool, or auto before Java 21).
		 */
		private int poolSize = 32;

		/**
		 * Most events of one socket that may wait for their handler; more are refused with a BUSY error
		 * acknowledgement.
		 */
		private int socketQueueCapacity = 256;

		/**
		 * Prefix of the names of the executor's threads.
		 */
		private String threadNamePrefix = "socketio-handler-";

		/**
		 * How long closing the application waits for running handlers to finish before interrupting them.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		public ExecutorType getType() {
			return this.type;
		}

		public void setType(ExecutorType type) {
			this.type = type;
		}

		public int getPoolSize() {
			return this.poolSize;
		}

		public void setPoolSize(int poolSize) {
			this.poolSize = poolSize;
		}

		public int getSocketQueueCapacity() {
			return this.socketQueueCapacity;
		}

		public void setSocketQueueCapacity(int socketQueueCapacity) {
			this.socketQueueCapacity = socketQueueCapacity;
		}

		public String getThreadNamePrefix() {
			return this.threadNamePrefix;
		}

		public void setThreadNamePrefix(String threadNamePrefix) {
			this.threadNamePrefix = threadNamePrefix;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/**
	 * Limits on what one client can make the server hold; the defaults are far above what real clients need.
	 */
	public static class Limits {

		/**
		 * Deepest nesting of arrays and objects in a packet's JSON; a deeper packet closes the client's connection.
		 */
		private int jsonNestingDepth = 500;

		/**
		 * Longest JSON text of one packet; a longer packet closes the client's connection. Unset follows
		 * socketio.max-http-buffer-size.
		 */
		private @Nullable DataSize jsonDocumentLength;

		/**
		 * Longest string in a packet's JSON, in characters; a longer one closes the client's connection. Unset
		 * follows the JSON document length.
		 */
		private @Nullable Integer jsonStringLength;

		/**
		 * Longest number in a packet's JSON, in characters; a longer one closes the client's connection.
		 */
		private int jsonNumberLength = 1000;

		/**
		 * Most namespaces one connection may join; one more is refused with the CONNECT_ERROR 'Invalid namespace'.
		 */
		private int namespacesPerConnection = 100;

		/**
		 * Most children of dynamic namespaces on this node; a new one past it is refused with the CONNECT_ERROR
		 * 'Invalid namespace'.
		 */
		private int dynamicNamespaces = 10_000;

		/**
		 * Longest namespace name, in characters; a longer one is refused with the CONNECT_ERROR 'Invalid namespace'.
		 */
		private int namespaceNameLength = 256;

		/**
		 * Longest event name a client may send, in characters; a longer one closes the client's connection.
		 */
		private int eventNameLength = 256;

		/**
		 * Most rooms one socket may be in, its own included; a join past it joins none of its rooms and returns
		 * false.
		 */
		private int roomsPerSocket = 1000;

		/**
		 * Longest room name, in characters; a join of a longer one joins none of its rooms and returns false.
		 */
		private int roomNameLength = 1024;

		/**
		 * Most events one socket may send a second, on average; past it an event gets what event-rate-action says.
		 * Zero turns the limit off.
		 */
		private int eventsPerSecond = 200;

		/**
		 * Most events one socket may send at once before events-per-second applies, e.g. what a client buffered
		 * while it was reconnecting.
		 */
		private int eventBurst = 1000;

		/**
		 * What an event past events-per-second gets: 'drop' drops it, answering an acknowledgement with the error
		 * RATE_LIMITED if it asked for one; 'disconnect' disconnects the socket (the client sees 'io server
		 * disconnect', the server the reason 'too many events').
		 */
		private EventRateAction eventRateAction = EventRateAction.DROP;

		/**
		 * Most connections one client address (an IPv6 /64) may have open at once; one more is refused with 403
		 * {"code":4}. Zero turns the limit off.
		 */
		private int connectionsPerAddress = 1000;

		/**
		 * Most connections one client address (an IPv6 /64) may open a second, on average; one more is refused with
		 * 403 {"code":4}. Zero turns the limit off.
		 */
		private int handshakesPerSecondPerAddress = 100;

		/**
		 * Most connections one client address may open at once before handshakes-per-second-per-address applies,
		 * e.g. the clients behind one NAT reconnecting after a restart.
		 */
		private int handshakeBurstPerAddress = 1000;

		/**
		 * Most client addresses without an open connection that are remembered for the per-address limits; past
		 * it they are forgotten, so that the memory these limits take stays bounded.
		 */
		private int trackedAddresses = 100_000;

		public int getEventsPerSecond() {
			return this.eventsPerSecond;
		}

		public void setEventsPerSecond(int eventsPerSecond) {
			this.eventsPerSecond = eventsPerSecond;
		}

		public int getEventBurst() {
			return this.eventBurst;
		}

		public void setEventBurst(int eventBurst) {
			this.eventBurst = eventBurst;
		}

		public EventRateAction getEventRateAction() {
			return this.eventRateAction;
		}

		public void setEventRateAction(EventRateAction eventRateAction) {
			this.eventRateAction = eventRateAction;
		}

		public int getConnectionsPerAddress() {
			return this.connectionsPerAddress;
		}

		public void setConnectionsPerAddress(int connectionsPerAddress) {
			this.connectionsPerAddress = connectionsPerAddress;
		}

		public int getHandshakesPerSecondPerAddress() {
			return this.handshakesPerSecondPerAddress;
		}

		public void setHandshakesPerSecondPerAddress(int handshakesPerSecondPerAddress) {
			this.handshakesPerSecondPerAddress = handshakesPerSecondPerAddress;
		}

		public int getHandshakeBurstPerAddress() {
			return this.handshakeBurstPerAddress;
		}

		public void setHandshakeBurstPerAddress(int handshakeBurstPerAddress) {
			this.handshakeBurstPerAddress = handshakeBurstPerAddress;
		}

		public int getTrackedAddresses() {
			return this.trackedAddresses;
		}

		public void setTrackedAddresses(int trackedAddresses) {
			this.trackedAddresses = trackedAddresses;
		}

		public int getJsonNestingDepth() {
			return this.jsonNestingDepth;
		}

		public void setJsonNestingDepth(int jsonNestingDepth) {
			this.jsonNestingDepth = jsonNestingDepth;
		}

		public @Nullable DataSize getJsonDocumentLength() {
			return this.jsonDocumentLength;
		}

		public void setJsonDocumentLength(@Nullable DataSize jsonDocumentLength) {
			this.jsonDocumentLength = jsonDocumentLength;
		}

		public @Nullable Integer getJsonStringLength() {
			return this.jsonStringLength;
		}

		public void setJsonStringLength(@Nullable Integer jsonStringLength) {
			this.jsonStringLength = jsonStringLength;
		}

		public int getJsonNumberLength() {
			return this.jsonNumberLength;
		}

		public void setJsonNumberLength(int jsonNumberLength) {
			this.jsonNumberLength = jsonNumberLength;
		}

		public int getNamespacesPerConnection() {
			return this.namespacesPerConnection;
		}

		public void setNamespacesPerConnection(int namespacesPerConnection) {
			this.namespacesPerConnection = namespacesPerConnection;
		}

		public int getDynamicNamespaces() {
			return this.dynamicNamespaces;
		}

		public void setDynamicNamespaces(int dynamicNamespaces) {
			this.dynamicNamespaces = dynamicNamespaces;
		}

		public int getNamespaceNameLength() {
			return this.namespaceNameLength;
		}

		public void setNamespaceNameLength(int namespaceNameLength) {
			this.namespaceNameLength = namespaceNameLength;
		}

		public int getEventNameLength() {
			return this.eventNameLength;
		}

		public void setEventNameLength(int eventNameLength) {
			this.eventNameLength = eventNameLength;
		}

		public int getRoomsPerSocket() {
			return this.roomsPerSocket;
		}

		public void setRoomsPerSocket(int roomsPerSocket) {
			this.roomsPerSocket = roomsPerSocket;
		}

		public int getRoomNameLength() {
			return this.roomNameLength;
		}

		public void setRoomNameLength(int roomNameLength) {
			this.roomNameLength = roomNameLength;
		}

	}

	/**
	 * The kinds of handler executor.
	 */
	public enum ExecutorType {

		/** Virtual threads on Java 21 and later, else a bounded pool. */
		AUTO,

		/** A virtual thread per handler call (Java 21 and later). */
		VIRTUAL_THREADS,

		/** A bounded pool of platform threads. */
		POOL;

		/** The value as the documentation and the properties spell it, which Spring Boot lists on a bad value. */
		@Override
		public String toString() {
			return asProperty(this);
		}

	}

	/** An enum constant as properties spell it: {@code VIRTUAL_THREADS} is {@code virtual-threads}. */
	static String asProperty(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
