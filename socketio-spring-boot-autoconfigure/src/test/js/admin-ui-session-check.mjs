// The Admin UI's session ids across nodes, with the official client and @socket.io/admin-ui's own RedisStore.
// Prints one JSON line with what it saw, then exits.
//
//   node admin-ui-session-check.mjs reconnect <url A> <username> <password> <url B>
//       signs in to <url A>/admin with the password, then connects to <url B>/admin with only the session id it got
//   node admin-ui-session-check.mjs save <redis url>
//       saves a new session id with RedisStore (its defaults: prefix socket.io-admin, a day)
//   node admin-ui-session-check.mjs exists <redis url> <session id>
//       asks RedisStore whether the session id exists
import { io } from "socket.io-client";
import { createClient } from "redis";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";

// the package's dist/index.js needs socket.io's peers at load time; its store is all this script needs
const { RedisStore } = createRequire(import.meta.url)("@socket.io/admin-ui/dist/stores.js");

const [mode, ...args] = process.argv.slice(2);
setTimeout(() => {
  console.log(JSON.stringify({ fatal: "still running after 30 s" }));
  process.exit(2);
}, 30000).unref();

const options = { forceNew: true, reconnection: false, transports: ["websocket"] };
const outcome = (socket) => new Promise((resolve) => {
  socket.once("connect", () => resolve({ connected: true }));
  socket.once("connect_error", (error) => resolve({ connected: false, error: error.message }));
});

// RedisStore calls a callback-style client (node-redis 3, ioredis): the same commands on node-redis 5
function callbackClient(redis) {
  return {
    exists: (key, callback) => redis.exists(key).then((result) => callback(null, result), callback),
    multi() {
      const commands = [];
      const chain = {
        set: (key, value) => (commands.push(["SET", key, String(value)]), chain),
        expire: (key, seconds) => (commands.push(["EXPIRE", key, String(seconds)]), chain),
        exec: () => Promise.all(commands.map((command) => redis.sendCommand(command))),
      };
      return chain;
    },
  };
}

if (mode === "reconnect") {
  const [urlA, username, password, urlB] = args;
  const first = io(`${urlA}/admin`, { ...options, auth: { username, password } });
  const session = new Promise((resolve) => first.once("session", resolve));
  const signedIn = await outcome(first);
  const sessionId = signedIn.connected ? await session : null;
  first.close();
  const second = io(`${urlB}/admin`, { ...options, auth: { sessionId } });
  const reconnected = await outcome(second);
  second.close();
  const stranger = io(`${urlB}/admin`, { ...options, auth: { sessionId: randomBytes(8).toString("hex") } });
  const unknown = await outcome(stranger);
  stranger.close();
  console.log(JSON.stringify({ signedIn, sessionId, reconnected, unknown }));
} else {
  const redis = createClient({ url: args[0] });
  await redis.connect();
  const store = new RedisStore(callbackClient(redis));
  if (mode === "save") {
    const sessionId = randomBytes(8).toString("hex");
    await store.saveSession(sessionId);
    // saveSession does not wait for its MULTI; wait until it has run
    while (!(await store.doesSessionExist(sessionId))) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    console.log(JSON.stringify({ sessionId, key: store.computeKey(sessionId) }));
  } else {
    console.log(JSON.stringify({ exists: await store.doesSessionExist(args[1]) }));
  }
  await redis.quit();
}
