// Drives the official engine.io-client against a server that compresses, and prints one JSON line with what it saw.
//
//   node engineio-compression-check.mjs <url> <options as JSON>
//
// Options:
//   transport  "polling" (the client's fetch() transport, which accepts gzip and deflate as browsers do; its XHR
//              transport on Node.js cannot send Accept-Encoding) or "websocket"
//   upgrade    with "polling": upgrade to WebSocket, then echo on both
//   sizes      the sizes of the messages echoed, in characters
//   timeoutMs  give up after this long (default 10000)
import { Socket, Fetch, NodeWebSocket } from "engine.io-client";

const [url, rawOptions] = process.argv.slice(2);
const { transport, upgrade = false, sizes = [], timeoutMs = 10000 } = JSON.parse(rawOptions);

const result = {
  sid: null,
  extensions: null,
  echoes: [],
  error: null,
};

// fetch() inflates by itself: record what came on the wire before it does.
const contentEncodings = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (resource, init) => {
  const response = await realFetch(resource, init);
  if ((init?.method ?? "GET") === "GET") {
    contentEncodings.push(response.headers.get("content-encoding"));
  }
  return response;
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
  socket.close();
  process.exitCode = result.error ? 1 : 0;
  setTimeout(() => process.exit(process.exitCode), 1000).unref();
}

const timer = setTimeout(() => finish(`timed out after ${timeoutMs} ms`), timeoutMs);

const socket = new Socket(url, {
  path: "/engine.io/",
  transports: transport === "polling" ? [Fetch, NodeWebSocket] : [NodeWebSocket],
  upgrade,
});

const waiting = [];
socket.on("message", (data) => {
  const next = waiting.shift();
  if (next) {
    next(data);
  }
});

function text(length) {
  let text = "";
  for (let i = 0; text.length < length; i++) {
    text += `{"seq":${i},"name":"compression ✓"},`;
  }
  return text.slice(0, length);
}

async function echo(size) {
  const message = text(size);
  const echoed = new Promise((resolve) => waiting.push(resolve));
  socket.send(message);
  const data = await echoed;
  result.echoes.push({
    size,
    transport: socket.transport.name,
    matches: data === message,
    // the poll that carried the echo is the last one answered
    contentEncoding: socket.transport.name === "polling" ? contentEncodings.at(-1) : null,
  });
}

async function echoAll() {
  for (const size of sizes) {
    await echo(size);
  }
}

socket.on("open", async () => {
  result.sid = socket.id;
  try {
    await echoAll();
    if (upgrade) {
      if (socket.transport.name !== "websocket") {
        await new Promise((resolve) => socket.once("upgrade", resolve));
      }
      await echoAll();
    }
    if (socket.transport.name === "websocket") {
      // the ws package's WebSocket: the extensions the server agreed to, "" for none
      result.extensions = socket.transport.ws.extensions;
    }
    finish();
  }
  catch (error) {
    finish(error);
  }
});
socket.on("error", (error) => finish(error));
