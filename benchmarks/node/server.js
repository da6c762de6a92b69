// The Node.js reference server of the benchmarks: the benchmark handlers of the interop contract
// (echo, join, leave, whoami, broadcast, relay, bench-broadcast) on socket.io with its default settings and connection
// state recovery on, as the Java interop application has it.
//
//   node --expose-gc server.js --port 3000 [--node-id a] [--per-message-deflate true]
//       [--redis redis://127.0.0.1:6379 [--adapter type] [--stream name] [--key prefix]
//       [--subscription-mode static|dynamic|dynamic-private]]
//
// --adapter: redis-streams (default; @socket.io/redis-streams-adapter on the stream --stream), redis
// (@socket.io/redis-adapter createAdapter, channels prefixed --key) or redis-sharded (its createShardedAdapter,
// channelPrefix --key, subscriptionMode --subscription-mode). The two PUB/SUB adapters keep no sessions, so
// connection state recovery is off with them (the Java server refuses it with them).
//
// Signals: SIGTERM/SIGINT stop it; SIGUSR2 runs a full GC (with --expose-gc) and writes process.memoryUsage()
// as JSON to the file named by the BENCH_MEM_FILE environment variable.
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import { Server } from "socket.io";

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const port = Number(option("port", "3000"));
const host = option("host", "127.0.0.1");
const nodeId = option("node-id", "");
const redisUrl = option("redis", null);
const adapterType = option("adapter", "redis-streams");
const streamName = option("stream", "socket.io");
const channelKey = option("key", streamName);
const subscriptionMode = option("subscription-mode", "dynamic");
// bench-broadcast yields to the event loop after this many emits, so that what was emitted is written while the
// rest is being emitted (0: one synchronous loop, which buffers every message for every client before the first is
// written: 10,000 messages to 1,000 clients exhaust the default V8 heap)
const broadcastBatch = Number(option("broadcast-batch", "100"));

const options = {
  connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: true },
};
// off by default, as in socket.io; true agrees to permessage-deflate with its defaults (messages of 1 KiB or more)
if (option("per-message-deflate", "false") === "true") {
  options.perMessageDeflate = true;
}

const redisClients = [];
if (redisUrl) {
  const { createClient } = await import("redis");
  const connect = async () => {
    const client = createClient({ url: redisUrl });
    client.on("error", (error) => console.error("redis:", error.message));
    await client.connect();
    redisClients.push(client);
    return client;
  };
  const pubClient = await connect();
  if (adapterType === "redis-streams") {
    const { createAdapter } = await import("@socket.io/redis-streams-adapter");
    // keys of this run only: the stream is deleted afterwards, recovery sessions expire by themselves
    options.adapter = createAdapter(pubClient, { streamName, sessionKeyPrefix: `${streamName}:session:` });
  } else if (adapterType === "redis" || adapterType === "redis-sharded") {
    const { createAdapter, createShardedAdapter } = await import("@socket.io/redis-adapter");
    const subClient = await connect();
    delete options.connectionStateRecovery;
    options.adapter = adapterType === "redis"
      ? createAdapter(pubClient, subClient, { key: channelKey })
      : createShardedAdapter(pubClient, subClient, { channelPrefix: channelKey, subscriptionMode });
  } else {
    throw new Error(`unknown adapter ${adapterType}`);
  }
}

// GET /bench/adapter-received: the broadcasts of other nodes the main namespace's adapter handled, counted as the
// Java server's socketio.adapter.messages.received meter counts them (a node's own messages and those of other
// namespaces are not); only for the adapters built on socket.io-adapter's ClusterAdapter (streams, sharded)
const received = { counted: false, broadcast: 0 };
const httpServer = createServer((request, response) => {
  if (request.url === "/bench/adapter-received") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(received));
  } else {
    response.writeHead(404).end();
  }
});
const io = new Server(httpServer, options);

const mainAdapter = io.of("/").adapter;
if (redisUrl && typeof mainAdapter.onMessage === "function" && mainAdapter.uid !== undefined) {
  const onMessage = mainAdapter.onMessage.bind(mainAdapter);
  const BROADCAST = 3; // socket.io-adapter's MessageType.BROADCAST
  received.counted = true;
  mainAdapter.onMessage = (message, offset) => {
    if (message.uid !== mainAdapter.uid && message.nsp === "/" && message.type === BROADCAST) {
      received.broadcast++;
    }
    return onMessage(message, offset);
  };
}

function target(nsp, room) {
  return room == null ? nsp : nsp.to(room);
}

function register(socket) {
  const nsp = socket.nsp;
  socket.on("echo", (...args) => {
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    if (ack) {
      ack(...args);
    } else {
      socket.emit("echo", ...args);
    }
  });
  socket.on("whoami", (ack) => {
    ack({
      id: socket.id,
      nsp: nsp.name,
      rooms: [...socket.rooms].sort(),
      recovered: socket.recovered,
      node: nodeId,
    });
  });
  socket.on("join", (room, ack) => {
    socket.join(room);
    if (typeof ack === "function") ack(true);
  });
  socket.on("leave", (room, ack) => {
    socket.leave(room);
    if (typeof ack === "function") ack(true);
  });
  socket.on("broadcast", (room, payload, ack) => {
    target(nsp, room).emit("message", payload);
    if (typeof ack === "function") ack(true);
  });
  // a chat's relay: the room's other members get the message, the sender does not (socket.to)
  socket.on("relay", (room, payload, ack) => {
    socket.to(room).emit("message", payload);
    if (typeof ack === "function") ack(true);
  });
  socket.on("bench-broadcast", (room, count, payloadSize, ack) => {
    const operator = target(nsp, room);
    const pad = "x".repeat(Math.min(Math.max(Number(payloadSize) || 0, 0), 1_000_000));
    let i = 0;
    const emitSome = () => {
      const end = broadcastBatch > 0 ? Math.min(count, i + broadcastBatch) : count;
      for (; i < end; i++) {
        operator.emit("m", { seq: i, ts: Date.now(), pad });
      }
      if (i < count) {
        setImmediate(emitSome);
      } else if (typeof ack === "function") {
        ack(true);
      }
    };
    emitSome();
  });
}

io.on("connection", register);

httpServer.listen(port, host, () => console.log(`listening on ${host}:${port}`));

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  io.close(() => {
    Promise.allSettled(redisClients.map((client) => client.quit())).finally(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

process.on("SIGUSR2", () => {
  if (typeof global.gc === "function") {
    global.gc();
  }
  const file = process.env.BENCH_MEM_FILE;
  if (file) {
    writeFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
  }
});
