// Drives official socket.io-client sockets on commands read from standard input and prints what they see on standard
// output, one JSON object per line each way. The JUnit tests start it, send commands and wait for the lines they
// expect.
//
//   node socketio-client-driver.mjs [<lifetime in ms, default 120000>]
//
// Commands ({"op": ..., "client": <name>, ...}):
//   connect    url, options      io(url, {forceNew: true, reconnection: false, ...options}); options.parser
//                                "msgpack" stands for socket.io-msgpack-parser
//   socket     of, namespace, options   another namespace on the connection of client "of"
//   manager    url, options      a bare Manager: a connection that joins no namespace
//   emit       event, args[, ref[, timeout]]   with "ref": ask for an acknowledgement (with "timeout": socket.timeout)
//   answer     event, args       acknowledge every later "event" from the server with these arguments (prints
//                                "answering" once it will)
//   disconnect                   socket.disconnect()
//   reconnect                    socket.connect()
//   cut                          close the Engine.IO connection under the socket (the manager may reconnect)
//   raw        data              send one raw Engine.IO message (a Socket.IO packet as text)
//   no-pong                      stop answering the server's pings
//   reset                        close every socket and manager, then print {"type": "reset"}
// Lines printed: {"client": <name>, "type": connect | connect_error | disconnect | event | ack | open | upgrade |
// close | reconnect, ...}, and {"type": "reset" | "fatal"}.
//
// Binary values travel as {"$binary": "<base64>"} in both directions.
import { createInterface } from "node:readline";
import { io, Manager } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";

const lifetimeMs = Number(process.argv[2] ?? 120000);
setTimeout(() => {
  print({ type: "fatal", message: `still running after ${lifetimeMs} ms` });
  process.exit(2);
}, lifetimeMs).unref();

const sockets = new Map();
const managers = new Map();
const answers = new Map();

function print(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

function toJson(value) {
  if (value === undefined) {
    return null;
  }
  if (value instanceof ArrayBuffer) {
    return { $binary: Buffer.from(value).toString("base64") };
  }
  if (ArrayBuffer.isView(value)) {
    return { $binary: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  }
  if (Array.isArray(value)) {
    return value.map(toJson);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  }
  return value;
}

function fromJson(value) {
  if (Array.isArray(value)) {
    return value.map(fromJson);
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "$binary") {
      return Buffer.from(value.$binary, "base64");
    }
    return Object.fromEntries(keys.map((key) => [key, fromJson(value[key])]));
  }
  return value;
}

function watchSocket(client, socket) {
  socket.on("connect", () => print({
    client, type: "connect", id: socket.id, recovered: socket.recovered === true,
    transport: socket.io.engine ? socket.io.engine.transport.name : null,
  }));
  socket.on("connect_error", (error) => print({
    client, type: "connect_error", message: error.message, data: toJson(error.data),
  }));
  socket.on("disconnect", (reason) => print({ client, type: "disconnect", reason }));
  socket.onAny((event, ...args) => {
    const ack = (typeof args[args.length - 1] === "function") ? args.pop() : null;
    print({ client, type: "event", event, args: toJson(args), ack: ack !== null });
    const answer = answers.get(`${client}\u0000${event}`);
    if (ack && answer) {
      ack(...fromJson(answer));
    }
  });
}

function watchManager(client, manager) {
  manager.on("open", () => {
    const engine = manager.engine;
    print({ client, type: "open", transport: engine.transport.name });
    engine.on("upgrade", (transport) => print({ client, type: "upgrade", transport: transport.name }));
  });
  manager.on("close", (reason) => print({ client, type: "close", reason }));
  manager.on("reconnect", (attempt) => print({ client, type: "reconnect", attempt }));
}

function socketOf(command) {
  const socket = sockets.get(command.client);
  if (!socket) {
    throw new Error(`no client ${command.client}`);
  }
  return socket;
}

/** The client options of a command, with the parser named by its package. */
function clientOptions(command) {
  const options = fromJson(command.options ?? {});
  if (options.parser === "msgpack") {
    options.parser = msgpackParser;
  }
  return options;
}

const commands = {
  connect(command) {
    const socket = io(command.url, { forceNew: true, reconnection: false, ...clientOptions(command) });
    sockets.set(command.client, socket);
    watchSocket(command.client, socket);
    watchManager(command.client, socket.io);
  },
  socket(command) {
    const socket = socketOf({ client: command.of }).io.socket(command.namespace, fromJson(command.options ?? {}));
    sockets.set(command.client, socket);
    watchSocket(command.client, socket);
    // a manager that connects its sockets by itself has already started (a second connect() would send a second
    // CONNECT, which closes the connection)
    if (!socket.active) {
      socket.connect();
    }
  },
  manager(command) {
    const manager = new Manager(command.url, { reconnection: false, autoConnect: false, ...(command.options ?? {}) });
    managers.set(command.client, manager);
    watchManager(command.client, manager);
    manager.open((error) => {
      if (error) {
        print({ client: command.client, type: "error", message: error.message });
      }
    });
  },
  emit(command) {
    const socket = socketOf(command);
    const args = fromJson(command.args ?? []);
    const { client, ref } = command;
    if (ref === undefined || ref === null) {
      socket.emit(command.event, ...args);
    }
    else if (command.timeout !== undefined && command.timeout !== null) {
      socket.timeout(command.timeout).emit(command.event, ...args, (error, ...response) => print(error
        ? { client, type: "ack", ref, error: error.message }
        : { client, type: "ack", ref, args: toJson(response) }));
    }
    else {
      socket.emit(command.event, ...args, (...response) => print({ client, type: "ack", ref, args: toJson(response) }));
    }
  },
  answer(command) {
    answers.set(`${command.client}\u0000${command.event}`, command.args ?? []);
    print({ client: command.client, type: "answering", event: command.event });
  },
  disconnect(command) {
    socketOf(command).disconnect();
  },
  reconnect(command) {
    socketOf(command).connect();
  },
  cut(command) {
    socketOf(command).io.engine.close();
  },
  raw(command) {
    socketOf(command).io.engine.write(command.data);
  },
  "no-pong"(command) {
    const engine = socketOf(command).io.engine;
    const send = engine._sendPacket;
    engine._sendPacket = function (type, ...rest) {
      if (type !== "pong") {
        send.call(this, type, ...rest);
      }
    };
  },
  reset() {
    for (const socket of sockets.values()) {
      socket.io.reconnection(false);
      socket.disconnect();
      socket.io.disconnect();
    }
    for (const manager of managers.values()) {
      manager.reconnection(false);
      manager.disconnect();
    }
    sockets.clear();
    managers.clear();
    answers.clear();
    print({ type: "reset" });
  },
};

const input = createInterface({ input: process.stdin });
input.on("line", (line) => {
  if (line.trim() === "") {
    return;
  }
  let command;
  try {
    command = JSON.parse(line);
    const run = commands[command.op];
    if (!run) {
      throw new Error(`unknown op ${command.op}`);
    }
    run(command);
  }
  catch (error) {
    print({ client: command ? command.client : null, type: "fatal", message: String(error && error.stack || error) });
  }
});
// The JVM closes standard input when it is done with this process (or dies): leave then.
input.on("close", () => process.exit(0));
