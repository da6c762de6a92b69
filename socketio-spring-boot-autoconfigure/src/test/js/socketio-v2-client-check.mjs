// Runs the Socket.IO 2.x client (socket.io-client 2.5, Engine.IO v3) through one scenario against a server that
// allows Engine.IO v3, beside a current socket.io-client in the same room, and prints one JSON line per step.
//
//   node socketio-v2-client-check.mjs <server url> <polling | websocket | upgrade> [<timeout in ms, default 20000>]
//
// Server side expected: on "/", emits "welcome" (socket id and a 3-byte buffer) at connection, acknowledges "echo"
// with its arguments, "reverse" with the reversed bytes of its binary argument, joins the room of "join" and
// acknowledges it, and broadcasts "shout" to room "r" as "news"; "/admin" refuses a token other than "ok" with
// the message "not authorized", and "/refused-with-data" refuses everyone with the data {"code": 7}.
// Lines printed: {"step": <name>, ...} for each step, then {"step": "done"}; {"step": "failed", "message"} on error.
import ioV2 from "socket.io-client-v2";
import { io as ioV4 } from "socket.io-client";

const [url, mode, timeoutArgument] = process.argv.slice(2);
const timeoutMs = Number(timeoutArgument ?? 20000);
setTimeout(() => fail(new Error(`still running after ${timeoutMs} ms`)), timeoutMs).unref();

const transports = { polling: ["polling"], websocket: ["websocket"], upgrade: ["polling", "websocket"] }[mode];
const closers = [];

function print(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

function fail(error) {
  print({ step: "failed", message: String(error && error.stack || error) });
  process.exit(1);
}

function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}

function bytes(value) {
  return Array.from(Buffer.from(value));
}

async function main() {
  const client = ioV2(url, { forceNew: true, reconnection: false, transports, query: { app: "legacy" } });
  closers.push(() => client.close());
  const welcome = once(client, "welcome");
  const refusedWith = ([error]) => {
    throw new Error(`connect failed: ${error && error.message || JSON.stringify(error)}`);
  };
  await Promise.race([once(client, "connect"), once(client, "error").then(refusedWith),
    once(client, "connect_error").then(refusedWith)]);
  print({ step: "connect", id: client.id, engineId: client.io.engine.id, transport: client.io.engine.transport.name });

  const [welcomeId, welcomeBytes] = await welcome;
  print({ step: "welcome", id: welcomeId, bytes: bytes(welcomeBytes) });

  if (mode === "upgrade" && client.io.engine.transport.name !== "websocket") {
    await once(client.io.engine, "upgrade");
  }
  print({ step: "transport", name: client.io.engine.transport.name });

  const echoed = await new Promise((resolve) => client.emit("echo", "héllo 😀", { n: 1 }, (...args) => resolve(args)));
  print({ step: "echo", args: echoed });

  const reversed = await new Promise((resolve) => client.emit("reverse", Buffer.from([1, 2, 3, 255]),
    (answer) => resolve(answer)));
  print({ step: "reverse", bytes: bytes(reversed) });

  const admin = client.io.socket("/admin", { query: { token: "ok" } });
  closers.push(() => admin.close());
  await once(admin, "connect");
  print({ step: "admin", id: admin.id });

  const refused = client.io.socket("/refused-admin", { query: { token: "bad" } });
  const [refusal] = await once(refused, "error");
  print({ step: "refused", error: refusal });

  const refusedWithData = client.io.socket("/refused-with-data");
  const [refusalData] = await once(refusedWithData, "error");
  print({ step: "refused-with-data", error: refusalData });

  const current = ioV4(url, { forceNew: true, reconnection: false, transports });
  closers.push(() => current.close());
  await once(current, "connect");
  await new Promise((resolve) => client.emit("join", "r", resolve));
  await new Promise((resolve) => current.emit("join", "r", resolve));
  const legacyNews = once(client, "news");
  const currentNews = once(current, "news");
  current.emit("shout", "to both", Buffer.from([9, 8]));
  const [[legacyText, legacyBytes], [currentText, currentBytes]] = await Promise.all([legacyNews, currentNews]);
  print({
    step: "news",
    legacy: [legacyText, bytes(legacyBytes)],
    current: [currentText, bytes(currentBytes)],
  });

  // a heartbeat cycle: the 2.x client pings, the server answers
  const pong = once(client.io.engine, "pong");
  client.io.engine.ping();
  await pong;
  print({ step: "pong" });

  closers.forEach((close) => close());
  print({ step: "done" });
  process.exit(0);
}

main().catch(fail);
