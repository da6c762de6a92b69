// Drives the official socket.io-client through a load balancer in front of sample nodes (profile interop) and
// prints JSON lines: {"event": ...} as things happen, the last one {"event": "done", ...} with what every client saw.
//
//   node lb-clients.mjs <scenario> <options as JSON>
//
// Scenarios (each bounded by timeoutMs, after which it prints "done" with what it has and exits 1):
//   echo       {url, clients, emits, transports?, expectUpgrade?}
//              every client connects, asks whoami, then sends `emits` acknowledged echoes one after the other
//   broadcast  {url, clients, room}
//              every client joins `room`; then one client of each node broadcasts to it; every client counts
//   recovery   {urls, clientsPerUrl, publisherUrl, ticks, intervalMs, readyAfterTicks, victimNode, tickerOnStdin}
//              clients (half polling only, half polling then WebSocket) join the room of a publisher connected to
//              a node that stays up; the publisher starts the contract's ticker; "ready" is printed once
//              `readyAfterTicks` ticks went out (the test then stops `victimNode`); clients of that node reconnect
//              through their balancer (a client that got a new session joins the room again, as an application
//              would); once the ticker is over and every victim is back, the publisher broadcasts a last message
//              to the room and "done" tells which ticks each client got; with `tickerOnStdin` the ticker waits,
//              after "connected" (which names the room), for the line "go" on the script's input, and the last
//              message for the line "final"
import { io } from "socket.io-client";

const [scenario, rawOptions] = process.argv.slice(2);
const options = JSON.parse(rawOptions ?? "{}");
const timeoutMs = options.timeoutMs ?? 60000;
const ackTimeoutMs = options.ackTimeoutMs ?? 10000;

function print(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

const sockets = [];
let finished = false;

function finish(result, failed) {
  if (finished) {
    return;
  }
  finished = true;
  clearTimeout(timer);
  print({ event: "done", scenario, failed: Boolean(failed), ...result });
  for (const socket of sockets) {
    socket.disconnect();
  }
  process.exitCode = failed ? 1 : 0;
  // let the close packets of polling clients go out, but wait for nothing else
  setTimeout(() => process.exit(process.exitCode), 1000).unref();
}

let snapshot = () => ({});
const timer = setTimeout(() => finish({ error: `timed out after ${timeoutMs} ms`, ...snapshot() }, true), timeoutMs);

function describe(error) {
  if (!error) {
    return null;
  }
  const context = error.context;
  return {
    message: String(error.message ?? error),
    description: error.description === undefined ? null : String(error.description),
    status: context && typeof context.status === "number" ? context.status : null,
    body: context && typeof context.responseText === "string" ? context.responseText.slice(0, 200) : null,
  };
}

function client(url, clientOptions) {
  const socket = io(url, {
    forceNew: true,
    withCredentials: true, // keeps a cookie jar, as a browser does, for the balancer's or the node's cookie
    timeout: 10000,
    ...clientOptions,
  });
  sockets.push(socket);
  return socket;
}

function connected(socket) {
  return new Promise((resolve, reject) => {
    if (socket.connected) {
      resolve();
      return;
    }
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
}

/** Waits for the connection, records the socket's id and node in `result`, and joins `room`. */
async function joined(socket, result, room) {
  await connected(socket);
  result.id = socket.id;
  result.node = (await socket.timeout(ackTimeoutMs).emitWithAck("whoami")).node;
  await socket.timeout(ackTimeoutMs).emitWithAck("join", room);
}

function upgraded(socket, waitMs) {
  const engine = socket.io.engine;
  if (engine.transport.name === "websocket") {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const giveUp = setTimeout(() => reject(new Error(`no upgrade within ${waitMs} ms`)), waitMs);
    engine.once("upgrade", () => {
      clearTimeout(giveUp);
      resolve();
    });
    engine.once("upgradeError", (error) => {
      clearTimeout(giveUp);
      reject(error);
    });
  });
}

async function echo() {
  const { url, clients, emits, transports, expectUpgrade = false } = options;
  const results = [];
  snapshot = () => ({ clients: results });
  await Promise.all(Array.from({ length: clients }, async (_, i) => {
    const result = { i, id: null, node: null, acks: 0, transport: null, errors: [] };
    results.push(result);
    const socket = client(url, { reconnection: false, ...(transports ? { transports } : {}) });
    socket.on("connect_error", (error) => result.errors.push({ on: "connect_error", ...describe(error) }));
    socket.on("disconnect", (reason, details) => {
      if (reason !== "io client disconnect") {
        result.errors.push({ on: "disconnect", message: reason, ...(details ? { detail: describe(details) } : {}) });
      }
    });
    try {
      await connected(socket);
      result.id = socket.id;
      const me = await socket.timeout(ackTimeoutMs).emitWithAck("whoami");
      result.node = me.node;
      if (expectUpgrade) {
        await upgraded(socket, 15000);
      }
      for (let n = 0; n < emits; n++) {
        const sent = { client: i, n, text: `hello ${n} ✓` };
        const answer = await socket.timeout(ackTimeoutMs).emitWithAck("echo", sent);
        if (answer && answer.client === i && answer.n === n && answer.text === sent.text) {
          result.acks++;
        }
        else {
          result.errors.push({ on: "echo", message: `unexpected answer ${JSON.stringify(answer)}` });
        }
      }
      const again = await socket.timeout(ackTimeoutMs).emitWithAck("whoami");
      if (again.node !== result.node || again.id !== result.id) {
        result.errors.push({ on: "whoami", message: `moved from ${result.node} to ${again.node}` });
      }
    }
    catch (error) {
      if (result.errors.length === 0) {
        result.errors.push({ on: "exception", ...describe(error) });
      }
    }
    result.transport = socket.io.engine ? socket.io.engine.transport.name : null;
    socket.disconnect();
  }));
  results.sort((a, b) => a.i - b.i);
  finish({ clients: results }, false);
}

async function broadcast() {
  const { url, clients, room } = options;
  const results = Array.from({ length: clients }, (_, i) => ({ i, id: null, node: null, received: [], errors: [] }));
  snapshot = () => ({ clients: results });
  const all = await Promise.all(results.map(async (result) => {
    const socket = client(url, { reconnection: false });
    socket.on("message", (payload) => result.received.push(payload));
    socket.on("connect_error", (error) => result.errors.push({ on: "connect_error", ...describe(error) }));
    await joined(socket, result, room);
    // closed in the middle of its upgrade, a client's last polling requests can reach the node after the session
    // has ended: a "Session ID unknown" that the negative control would count against the sticky balancers
    await upgraded(socket, 15000);
    return socket;
  }));
  const senders = new Map();
  results.forEach((result, i) => senders.has(result.node) || senders.set(result.node, i));
  for (const [node, i] of senders) {
    await all[i].timeout(ackTimeoutMs).emitWithAck("broadcast", room, { from: node, client: i });
  }
  await new Promise((resolve) => {
    const check = setInterval(() => {
      if (results.every((result) => result.received.length >= senders.size)) {
        clearInterval(check);
        resolve();
      }
    }, 20);
  });
  finish({ senders: [...senders.keys()], clients: results }, false);
}

async function recovery() {
  const { urls, clientsPerUrl, publisherUrl, ticks, intervalMs, readyAfterTicks, victimNode } = options;
  const publisher = client(publisherUrl, { transports: ["websocket"], reconnection: false });
  await connected(publisher);
  const room = publisher.id;
  const publisherNode = (await publisher.timeout(ackTimeoutMs).emitWithAck("whoami")).node;
  let lastTick = -1;
  let finalSent = false;
  const final = `final-${room}`;

  const results = [];
  snapshot = () => ({ publisherNode, lastTick, clients: results.map(summary) });
  await Promise.all(urls.flatMap((url) => Array.from({ length: clientsPerUrl }, async (_, n) => {
    const result = {
      url, n, transports: n % 2 === 0 ? ["polling"] : ["polling", "websocket"],
      id: null, node: null, ticks: [], disconnects: [], reconnections: [], final: false, errors: [],
    };
    results.push(result);
    const socket = client(url, {
      transports: result.transports,
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
    });
    socket.on("tick", (i) => result.ticks.push(i));
    socket.on("message", (payload) => {
      if (payload && payload.final === final) {
        result.final = true;
      }
    });
    socket.on("disconnect", (reason) => result.disconnects.push(reason));
    socket.on("connect_error", (error) => result.errors.push({ on: "connect_error", ...describe(error) }));
    await joined(socket, result, room);
    socket.on("connect", async () => {
      const reconnection = { id: socket.id, recovered: socket.recovered, node: null, rejoined: false };
      result.reconnections.push(reconnection);
      try {
        if (!socket.recovered) {
          // a new session has no rooms: join again, as an application does on "connect"
          await socket.timeout(ackTimeoutMs).emitWithAck("join", room);
          reconnection.rejoined = true;
        }
        reconnection.node = (await socket.timeout(ackTimeoutMs).emitWithAck("whoami")).node;
      }
      catch (error) {
        result.errors.push({ on: "after reconnection", ...describe(error) });
      }
    });
  })));
  print({ event: "connected", publisherNode, room, nodes: results.map((result) => result.node) });
  if (options.tickerOnStdin) {
    // other clients (the test's own) join the room first, then the test writes "go"
    await stdinLine("go");
  }

  const victims = () => results.filter((result) => result.node === victimNode);
  const back = () => victims().every((result) => result.reconnections.some((r) => r.node !== null));
  publisher.on("tick", async (i) => {
    lastTick = i;
    if (i === readyAfterTicks - 1) {
      print({ event: "ready", lastTick: i, victims: victims().length });
    }
  });
  publisher.on("message", (payload) => {
    if (payload && payload.final === final) {
      finalSent = true;
    }
  });
  await publisher.timeout(ackTimeoutMs).emitWithAck("ticker", { count: ticks, intervalMs });
  await new Promise((resolve) => {
    const check = setInterval(() => {
      if (lastTick === ticks - 1 && back()) {
        clearInterval(check);
        resolve();
      }
    }, 50);
  });
  if (options.tickerOnStdin) {
    // the test's own clients are back too
    await stdinLine("final");
  }
  // wait for the ticks still under way to the recovered clients, then one last message to everyone in the room
  await publisher.timeout(ackTimeoutMs).emitWithAck("broadcast", room, { final });
  await new Promise((resolve) => {
    const check = setInterval(() => {
      if (finalSent && results.every((result) => result.final)) {
        clearInterval(check);
        resolve();
      }
    }, 50);
  });
  finish({ publisherNode, lastTick, clients: results.map(summary) }, false);
}

const inputLines = [];
const inputWaiters = [];
let inputBuffer = null;

/** Resolves once the test wrote `expected` as a line on the script's input. */
function stdinLine(expected) {
  if (inputBuffer === null) {
    inputBuffer = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk) => {
      const lines = (inputBuffer + chunk).split("\n");
      inputBuffer = lines.pop();
      inputLines.push(...lines);
      for (const waiter of inputWaiters.splice(0)) {
        if (inputLines.includes(waiter.expected)) {
          waiter.resolve();
        }
        else {
          inputWaiters.push(waiter);
        }
      }
    });
  }
  return new Promise((resolve) => {
    if (inputLines.includes(expected)) {
      resolve();
    }
    else {
      inputWaiters.push({ expected, resolve });
    }
  });
}

function summary(result) {
  const seen = new Set(result.ticks);
  const missing = [];
  for (let i = 0; i < options.ticks; i++) {
    if (!seen.has(i)) {
      missing.push(i);
    }
  }
  const { ticks, ...rest } = result;
  return { ...rest, received: ticks.length, distinct: seen.size, missing };
}

const scenarios = { echo, broadcast, recovery };
if (!scenarios[scenario]) {
  print({ event: "done", scenario, failed: true, error: `unknown scenario ${scenario}` });
  process.exit(2);
}
scenarios[scenario]().catch((error) => finish({ error: String(error?.stack ?? error), ...snapshot() }, true));
