// Connects many official socket.io-client sockets at once from one process and reports what each one saw, as JSON
// lines. Half of them use WebSocket, half HTTP long-polling.
//
//   node socketio-many-clients.mjs <url> <count> [<timeout in ms, default 60000>]
//
// Every socket joins the room "room-<index % 10>" (event "join" with an acknowledgement), then the script prints
// {"type": "ready"}. Sockets record each "news" event and acknowledge each "question" with {index, value}.
// Standard input: "report" prints {"type": "report", "news": [[...] per socket]}; closing it ends the script.
import { createInterface } from "node:readline";
import { io } from "socket.io-client";

const [url, countArg, timeoutArg] = process.argv.slice(2);
const count = Number(countArg);
const timeoutMs = Number(timeoutArg ?? 60000);

function print(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

const sockets = [];
const news = Array.from({ length: count }, () => []);
let joined = 0;
let connectErrors = 0;

const timer = setTimeout(() => {
  print({ type: "timeout", joined, connectErrors, connected: sockets.filter((s) => s.connected).length });
  process.exit(1);
}, timeoutMs);

for (let i = 0; i < count; i++) {
  const transports = (i % 2 === 0) ? ["websocket"] : ["polling"];
  const socket = io(url, { forceNew: true, reconnection: false, transports, auth: { index: String(i) } });
  sockets.push(socket);
  socket.on("news", (room) => news[i].push(room));
  socket.on("question", (value, ack) => ack({ index: i, value }));
  socket.on("connect_error", (error) => {
    connectErrors++;
    print({ type: "error", index: i, message: error.message });
  });
  socket.on("disconnect", (reason) => {
    if (reason !== "io client disconnect") {
      print({ type: "disconnect", index: i, reason });
    }
  });
  socket.once("connect", () => {
    socket.timeout(timeoutMs).emit("join", `room-${i % 10}`, (error, answer) => {
      if (error || answer !== true) {
        print({ type: "error", index: i, message: error ? error.message : `join answered ${answer}` });
        return;
      }
      if (++joined === count) {
        print({ type: "ready", count });
      }
    });
  });
}

const input = createInterface({ input: process.stdin });
input.on("line", (line) => {
  if (line.trim() === "report") {
    print({ type: "report", news });
  }
});
input.on("close", () => {
  clearTimeout(timer);
  sockets.forEach((socket) => socket.disconnect());
  setTimeout(() => process.exit(0), 200).unref();
});
