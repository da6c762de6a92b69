// Connects socket.io-client with socket.io-msgpack-parser to a Java server with annotated handlers, over one
// transport, runs one scenario and prints what it saw as one JSON line.
//
//   node msgpack-handlers-check.mjs <server url> <websocket | polling>
import { io } from "socket.io-client";
import parser from "socket.io-msgpack-parser";

const [url, transport] = process.argv.slice(2);
const options = { parser, transports: [transport], forceNew: true, reconnection: false };

setTimeout(() => {
  console.log(JSON.stringify({ error: "timed out" }));
  process.exit(1);
}, 30000).unref();

function connected(socket) {
  return new Promise((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
}

function next(socket, event) {
  return new Promise((resolve) => socket.once(event, (...args) => resolve(args)));
}

const hex = (bytes) => Buffer.from(bytes).toString("hex");

const main = io(url, options);
const other = io(url, options);
const chat = io(`${url}/chat`, { ...options, auth: { name: "ada" } });
const welcome = next(chat, "welcome");
await Promise.all([main, other, chat].map(connected));

const result = {};
result.sum = await main.emitWithAck("sum", 2, 2 ** 40);
result.binary = hex(await main.emitWithAck("binary", Buffer.from([1, 2, 3])));
result.record = await main.emitWithAck("record", { room: "r1", text: "hello" });
result.tree = await main.emitWithAck("tree", { a: [1, 2] });
result.welcome = (await welcome)[0];
result.where = await chat.emitWithAck("where");
const news = Promise.all([main, other].map((socket) => next(socket, "news")));
main.emit("shout", "hi");
result.news = (await news).map(([text, bytes]) => [text, hex(bytes)]);
result.transports = [main, other, chat].map((socket) => socket.io.engine.transport.name);

console.log(JSON.stringify(result));
for (const socket of [main, other, chat]) {
  socket.disconnect();
}
process.exit(0);
