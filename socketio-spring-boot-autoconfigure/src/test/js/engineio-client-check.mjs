// Drives the official engine.io-client against a server and prints one JSON line with what it saw.
//
//   node engineio-client-check.mjs <url> [<options as JSON>]
//
// Options are those of engine.io-client's Socket, plus:
//   expectUpgrade  wait for the upgrade to WebSocket and echo once more on it
//   minPings       wait for that many pings from the server before closing
//   timeoutMs      give up after this long (default 10000)
import { Socket } from "engine.io-client";

const [url, rawOptions] = process.argv.slice(2);
const { expectUpgrade = false, minPings = 0, timeoutMs = 10000, ...options } = JSON.parse(rawOptions ?? "{}");

const result = {
  sid: null,
  openTransport: null,
  upgrades: null,
  echoes: [],
  upgradedTo: null,
  pings: 0,
  closeReason: null,
  error: null,
};

let finished = false;
function finish(error) {
  if (finished) {
    return;
  }
  finished = true;
  if (error) {
    result.error = String(error);
  }
  clearTimeout(timer);
  process.stdout.write(JSON.stringify(result) + "\n");
  if (result.error) {
    process.exit(1);
  }
  // Let the requests still under way end (the close packet a polling client posts after its "close" event), but
  // do not wait on anything else.
  process.exitCode = 0;
  setTimeout(() => process.exit(0), 2000).unref();
}

const timer = setTimeout(() => finish(`timed out after ${timeoutMs} ms`), timeoutMs);

const socket = new Socket(url, { path: "/engine.io/", ...options });
const received = [];
const waiting = [];
socket.on("message", (data) => {
  const next = waiting.shift();
  if (next) {
    next(data);
  }
  else {
    received.push(data);
  }
});

function nextMessage() {
  if (received.length > 0) {
    return Promise.resolve(received.shift());
  }
  return new Promise((resolve) => waiting.push(resolve));
}

async function echoRound(round) {
  const text = `hello ${round} ✓`;
  const bytes = new Uint8Array([1, 2, round, 255]);
  socket.send(text);
  socket.send(bytes);
  const textEcho = await nextMessage();
  const binaryEcho = await nextMessage();
  result.echoes.push({
    transport: socket.transport.name,
    text: textEcho,
    textMatches: textEcho === text,
    binary: typeof binaryEcho === "string" ? binaryEcho : Array.from(new Uint8Array(binaryEcho)),
  });
}

function until(event) {
  return new Promise((resolve) => socket.once(event, resolve));
}

socket.once("handshake", (handshake) => {
  result.upgrades = handshake.upgrades;
});
socket.on("ping", () => {
  result.pings++;
});
socket.on("error", (error) => finish(error && error.message ? error.message : error));
socket.on("close", (reason) => {
  result.closeReason = reason;
  finish(null);
});

socket.once("open", async () => {
  try {
    result.sid = socket.id;
    result.openTransport = socket.transport.name;
    const upgraded = expectUpgrade ? until("upgrade") : null;
    await echoRound(1);
    if (upgraded) {
      const transport = await upgraded;
      result.upgradedTo = transport.name;
      await echoRound(2);
    }
    while (result.pings < minPings) {
      await until("ping");
    }
    socket.close();
  }
  catch (error) {
    finish(error);
  }
});
