// A Node.js peer for the Redis cluster tests, driven by JUnit through JSON lines on stdin/stdout:
//  - a socket.io 4.8 node with @socket.io/redis-streams-adapter 0.3, or with @socket.io/redis-adapter 8 when
//    "adapter" is "redis" (createAdapter) or "redis-sharded" (createShardedAdapter) (command "startServer"), whose
//    sockets (of /,
//    /admin and the dynamic namespaces /dyn-*) answer the events the Java test nodes answer (whoami, join, leave,
//    to) and whose server-side listeners record what they get ("hello") and answer "ping" with "pong-<node id>";
//  - any number of socket.io-client 4.8 clients (command "connect"), which record every event they receive;
//  - @socket.io/redis-emitter 5 (command "redisEmitter"), publishing one operation to a classic-mode cluster.
// Request:  {"seq": 1, "cmd": "emit", ...parameters}
// Response: {"seq": 1, "ok": true, "result": ...} or {"seq": 1, "ok": false, "error": "..."}
// Binary values travel as {"$bin": "<base64>"} in both directions.
import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createAdapter as createPubSubAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import { Emitter } from "@socket.io/redis-emitter";
import { createClient, createCluster } from "redis";
import { io as connectClient } from "socket.io-client";

const TIMEOUT_MS = 15000;

function toWire(value) {
  if (value instanceof Error) {
    return { message: value.message };
  }
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return { $bin: Buffer.from(value).toString("base64") };
  }
  if (value instanceof ArrayBuffer) {
    return { $bin: Buffer.from(new Uint8Array(value)).toString("base64") };
  }
  if (Array.isArray(value)) {
    return value.map(toWire);
  }
  if (value instanceof Set) {
    return [...value].map(toWire);
  }
  if (value && typeof value === "object") {
    const object = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== "function") {
        object[key] = toWire(item);
      }
    }
    return object;
  }
  return value;
}

function fromWire(value) {
  if (Array.isArray(value)) {
    return value.map(fromWire);
  }
  if (value && typeof value === "object") {
    if (typeof value.$bin === "string" && Object.keys(value).length === 1) {
      return Buffer.from(value.$bin, "base64");
    }
    const object = {};
    for (const [key, item] of Object.entries(value)) {
      object[key] = fromWire(item);
    }
    return object;
  }
  return value;
}

function send(message) {
  process.stdout.write(JSON.stringify(toWire(message)) + "\n");
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---- the server node ----

let io;
let httpServer;
let redis;
let subscriber;
let emitterClient;
let nodeId;
const serverSideEvents = [];

function register(socket) {
  if (!socket.recovered) {
    socket.data.origin = nodeId;
  }
  socket.on("whoami", (ack) => {
    ack({
      id: socket.id,
      nsp: socket.nsp.name,
      rooms: [...socket.rooms].sort(),
      recovered: socket.recovered,
      node: nodeId,
      data: socket.data,
    });
  });
  socket.on("join", (room, ack) => {
    socket.join(room);
    ack(true);
  });
  socket.on("leave", (room, ack) => {
    socket.leave(room);
    ack(true);
  });
  socket.on("to", (target, event, payload, ack) => {
    socket.to(target).emit(event, payload);
    ack(true);
  });
}

function operator({ nsp = "/", rooms = [], except = [], volatile = false, local = false }) {
  let op = io.of(nsp);
  if (rooms.length > 0) {
    op = op.to(rooms);
  }
  if (except.length > 0) {
    op = op.except(except);
  }
  if (volatile) {
    op = op.volatile;
  }
  if (local) {
    op = op.local;
  }
  return op;
}

function describe(socket) {
  return { id: socket.id, handshake: socket.handshake, rooms: [...socket.rooms], data: socket.data };
}

const commands = {
  async startServer({ redisUrl, clusterNodes, adapter = "redis-streams", streamName, streamCount = 1, channelPrefix, sessionKeyPrefix,
                      blockTimeInMs = 1000, key, requestsTimeout, publishOnSpecificResponseChannel,
                      subscriptionMode, maxDisconnectionDuration, node }) {
    nodeId = node;
    // a Redis Cluster when its nodes are given, as node-redis connects to one
    redis = clusterNodes
      ? createCluster({ rootNodes: clusterNodes.map((url) => ({ url })) })
      : createClient({ url: redisUrl });
    redis.on("error", (error) => process.stderr.write(`redis: ${error.message}\n`));
    await redis.connect();
    let adapterFactory;
    if (adapter === "redis" || adapter === "redis-sharded") {
      subscriber = redis.duplicate();
      subscriber.on("error", (error) => process.stderr.write(`redis subscriber: ${error.message}\n`));
      await subscriber.connect();
      adapterFactory = (adapter === "redis")
        ? createPubSubAdapter(redis, subscriber, { key, requestsTimeout, publishOnSpecificResponseChannel })
        // Object.assign in the adapter would let an undefined option override its default
        : createShardedAdapter(redis, subscriber, Object.fromEntries(Object.entries({ channelPrefix, subscriptionMode })
          .filter(([, value]) => value !== undefined)));
    } else {
      adapterFactory = createAdapter(redis, { streamName, streamCount, channelPrefix, sessionKeyPrefix, blockTimeInMs });
    }
    httpServer = createServer();
    io = new Server(httpServer, {
      adapter: adapterFactory,
      connectionStateRecovery: maxDisconnectionDuration
        ? { maxDisconnectionDuration, skipMiddlewares: true }
        : undefined,
    });
    io.on("connection", register);
    io.of("/admin").on("connection", register);
    io.of(/^\/dyn-\w+$/).on("connection", register);
    io.on("hello", (...args) => {
      serverSideEvents.push({ event: "hello", args: args.filter((arg) => typeof arg !== "function") });
    });
    io.on("ping", (...args) => {
      const callback = args.pop();
      serverSideEvents.push({ event: "ping", args });
      callback(`pong-${nodeId}`);
    });
    await new Promise((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    return { port: httpServer.address().port };
  },

  emit(params) {
    operator(params).emit(params.event, ...fromWire(params.args ?? []));
    return true;
  },

  emitWithAck(params) {
    return new Promise((resolve) => {
      operator(params).timeout(params.timeout).emit(params.event, ...fromWire(params.args ?? []),
        (error, responses) => resolve({ error: error ? error.message : null, responses }));
    });
  },

  async fetchSockets(params) {
    const sockets = await operator(params).fetchSockets();
    return sockets.map(describe);
  },

  async remoteSocket({ nsp = "/", id, action, args = [] }) {
    const sockets = await io.of(nsp).fetchSockets();
    const socket = sockets.find((candidate) => candidate.id === id);
    if (!socket) {
      throw new Error(`no socket ${id} among ${sockets.map((s) => s.id)}`);
    }
    if (action === "emit") {
      socket.emit(...fromWire(args));
    } else if (action === "join") {
      socket.join(args);
    } else if (action === "leave") {
      for (const room of args) {
        socket.leave(room);
      }
    } else if (action === "disconnect") {
      socket.disconnect(args[0] === true);
    }
    return true;
  },

  socketsJoin(params) {
    operator(params).socketsJoin(params.join);
    return true;
  },

  socketsLeave(params) {
    operator(params).socketsLeave(params.leave);
    return true;
  },

  disconnectSockets(params) {
    operator(params).disconnectSockets(params.close === true);
    return true;
  },

  serverSideEmit({ event, args = [] }) {
    io.serverSideEmit(event, ...fromWire(args));
    return true;
  },

  serverSideEmitWithAck({ event, args = [] }) {
    // the callback form: without a listener on a peer, the promise form rejects after 5 s and must not go uncaught
    return new Promise((resolve) => {
      io.serverSideEmit(event, ...fromWire(args),
        (error, responses) => resolve({ error: error ? error.message : null, responses }));
    });
  },

  async serverCount({ nsp = "/" }) {
    return io.of(nsp).adapter.serverCount();
  },

  async allRooms({ nsp = "/" }) {
    return [...await io.of(nsp).adapter.allRooms()];
  },

  serverSideEvents() {
    return serverSideEvents;
  },

  sockets({ nsp = "/" }) {
    return [...io.of(nsp).sockets.values()].map(describe);
  },

  // ---- @socket.io/redis-emitter ----

  // one operation of the emitter: the parameters say the namespace, the targets and flags, then what to do
  async redisEmitter({ redisUrl, key, nsp = "/", rooms = [], except = [], volatile = false, compress,
                       action, event, args = [], close = false }) {
    if (!emitterClient) {
      emitterClient = createClient({ url: redisUrl });
      emitterClient.on("error", (error) => process.stderr.write(`redis emitter: ${error.message}\n`));
      await emitterClient.connect();
    }
    const emitter = new Emitter(emitterClient, key ? { key } : {}).of(nsp);
    let op = emitter.to(rooms).except(except);
    if (volatile) {
      op = op.volatile;
    }
    if (compress !== undefined) {
      op = op.compress(compress);
    }
    if (action === "serverSideEmit") {
      emitter.serverSideEmit(event, ...fromWire(args));
    } else if (action === "emit") {
      op.emit(event, ...fromWire(args));
    } else if (action === "socketsJoin") {
      op.socketsJoin(args);
    } else if (action === "socketsLeave") {
      op.socketsLeave(args);
    } else if (action === "disconnectSockets") {
      op.disconnectSockets(close);
    } else {
      throw new Error(`unknown emitter action ${action}`);
    }
    // the emitter does not wait for Redis: a PING on the same connection comes back after the PUBLISH did
    await emitterClient.ping();
    return true;
  },

  // ---- clients ----

  async connect({ name, url, nsp = "/", auth = {}, transports = ["websocket"] }) {
    const socket = connectClient(url + nsp, { forceNew: true, reconnection: false, transports, auth });
    const client = { socket, events: [], answers: {}, disconnects: [] };
    clients.set(name, client);
    socket.onAny((event, ...args) => {
      const last = args[args.length - 1];
      if (typeof last === "function") {
        args.pop();
        const answer = client.answers[event];
        if (answer) {
          last(...answer);
        }
      }
      client.events.push({ event, args });
    });
    socket.on("disconnect", (reason) => client.disconnects.push(reason));
    await withTimeout(new Promise((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    }), `connection of ${name}`);
    return { id: socket.id, recovered: socket.recovered };
  },

  answer({ name, event, args = [] }) {
    client(name).answers[event] = fromWire(args);
    return true;
  },

  async clientEmit({ name, event, args = [], ack = false }) {
    const socket = client(name).socket;
    if (ack) {
      return socket.timeout(TIMEOUT_MS).emitWithAck(event, ...fromWire(args));
    }
    socket.emit(event, ...fromWire(args));
    return true;
  },

  events({ name }) {
    return client(name).events;
  },

  disconnects({ name }) {
    return client(name).disconnects;
  },

  // the transport is lost without a goodbye: the server keeps the session for recovery
  async cutOff({ name }) {
    const { socket } = client(name);
    const state = { pid: socket._pid ?? null, offset: socket._lastOffset ?? null };
    const gone = new Promise((resolve) => socket.once("disconnect", resolve));
    socket.io.engine.close();
    state.reason = await withTimeout(gone, `disconnection of ${name}`);
    return state;
  },

  // reconnects (to another node, maybe) with the recovery state the client kept
  async reconnect({ name, url }) {
    const { socket } = client(name);
    socket.io.uri = url;
    const connected = new Promise((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    socket.connect();
    await withTimeout(connected, `reconnection of ${name}`);
    return { id: socket.id, recovered: socket.recovered };
  },

  close({ name }) {
    client(name).socket.close();
    clients.delete(name);
    return true;
  },

  async exit() {
    setImmediate(shutdown);
    return true;
  },
};

const clients = new Map();

function client(name) {
  const found = clients.get(name);
  if (!found) {
    throw new Error(`no client ${name}`);
  }
  return found;
}

let stopping = false;

async function shutdown() {
  if (stopping) {
    return;
  }
  stopping = true;
  for (const { socket } of clients.values()) {
    socket.close();
  }
  const closing = [];
  if (io) {
    closing.push(new Promise((resolve) => io.close(() => resolve())));
  }
  await Promise.race([Promise.all(closing), new Promise((resolve) => setTimeout(resolve, 3000))]);
  for (const client of [subscriber, redis, emitterClient]) {
    if (client) {
      try {
        await Promise.race([client.quit(), new Promise((resolve) => setTimeout(resolve, 1000))]);
      } catch {
        // Redis may be gone already
      }
    }
  }
  process.exit(0);
}

process.on("unhandledRejection", (reason) => process.stderr.write(`unhandled rejection: ${reason}\n`));

const lines = createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  if (!line.trim()) {
    return;
  }
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    send({ seq: null, ok: false, error: `not JSON: ${line}` });
    return;
  }
  const handler = commands[request.cmd];
  try {
    if (!handler) {
      throw new Error(`unknown command ${request.cmd}`);
    }
    const result = await handler(request);
    send({ seq: request.seq, ok: true, result: result ?? null });
  } catch (error) {
    send({ seq: request.seq, ok: false, error: String(error?.message ?? error) });
  }
});
lines.on("close", shutdown);
send({ ready: true, versions: process.versions.node });
