// Connects one socket.io-client socket to a namespace with the client options given, asks the server who it is, and
// prints what came of it as one JSON line:
//   {"connected": true, "principal": <answer to "principal">, "transports": [<transport at open>, <upgrade>...]}
//   {"connected": false, "message": <connect_error message>, "data": <its data>}
// With more than one transport it waits for the upgrade before asking, so the answer comes over the new transport.
//
//   node secure-client-check.mjs <namespace url> <client options as JSON>
import { io } from "socket.io-client";

const [url, json] = process.argv.slice(2);
const options = JSON.parse(json ?? "{}");
const upgrading = (options.transports ?? ["polling", "websocket"]).length > 1;

function print(line) {
  console.log(JSON.stringify(line));
}

setTimeout(() => {
  print({ error: "timed out" });
  process.exit(1);
}, 30000).unref();

const socket = io(url, { forceNew: true, reconnection: false, ...options });
const transports = [];
const upgraded = new Promise((resolve) => {
  socket.io.on("open", () => {
    const engine = socket.io.engine;
    transports.push(engine.transport.name);
    engine.on("upgrade", (transport) => {
      transports.push(transport.name);
      resolve();
    });
  });
});

socket.once("connect_error", (error) => {
  print({ connected: false, message: error.message, data: error.data ?? null });
  process.exit(0);
});
socket.once("connect", async () => {
  if (upgrading) {
    await upgraded;
  }
  const principal = await socket.timeout(10000).emitWithAck("principal");
  print({ connected: true, principal, transports });
  socket.disconnect();
  process.exit(0);
});
