// Acts as the Socket.IO Admin UI dashboard against a server: signs in to /admin with wrong and then right
// credentials, collects what the server pushes, watches an application socket send an event, asks the server to
// move it into a room and out again and to disconnect it, then reconnects with the session id it was given. Prints one JSON line with what it saw, then exits.
//
//   node admin-ui-dashboard-check.mjs <url> <username> <password> [<url of the application socket> [<servers>]]
//
// With <servers>, it also waits for statistics from that many servers.
import { io } from "socket.io-client";

const [url, username, password, appUrl = url, servers = "1"] = process.argv.slice(2);
setTimeout(() => {
  console.log(JSON.stringify({ fatal: "still running after 30 s" }));
  process.exit(2);
}, 30000).unref();

const options = { forceNew: true, reconnection: false, transports: ["websocket"] };
const once = (socket, event) => new Promise((resolve) => socket.once(event, (...args) => resolve(args)));
const result = {};
const waitFor = (condition, ms) => new Promise((resolve) => {
  const deadline = Date.now() + ms;
  const check = () => condition() ? resolve(true) : Date.now() > deadline ? resolve(false) : setTimeout(check, 20);
  check();
});

const wrong = io(`${url}/admin`, { ...options, auth: { username, password: "wrong" } });
result.wrongCredentials = (await once(wrong, "connect_error"))[0].message;
wrong.close();

const app = io(appUrl, options);
await once(app, "connect");
result.appSocketId = app.id;
const appDisconnected = once(app, "disconnect");

const seen = {};
const dashboard = io(`${url}/admin`, { ...options, auth: { username, password } });
dashboard.onAny((event, ...args) => {
  (seen[event] ??= []).push(args);
});
const session = once(dashboard, "session");
await once(dashboard, "connect");
result.sessionId = (await session)[0];
await waitFor(() => seen.server_stats && seen.config
  && (seen.all_sockets || !seen.config[0][0].supportedFeatures.includes("ALL_EVENTS")), 10000);
result.config = seen.config[0][0];
result.firstStats = seen.server_stats[0][0];
result.allSockets = seen.all_sockets?.[0]?.[0] ?? null;

app.emit("hello", "world", 42);
result.eventReceived = await waitFor(() => seen.event_received, 3000) ? seen.event_received[0].slice(0, 3) : null;
const roomEvents = (type) => (seen[type] ?? []).filter((args) => args[1] === "lobby").map((args) => args.slice(0, 3));
const appId = app.id;
dashboard.emit("join", "/", "lobby", appId);
await waitFor(() => roomEvents("room_joined").length > 0, 3000);
dashboard.emit("leave", "/", "lobby", appId);
await waitFor(() => roomEvents("room_left").length > 0, 3000);
result.lobbyJoined = roomEvents("room_joined");
result.lobbyLeft = roomEvents("room_left");

dashboard.emit("_disconnect", "/", false, appId);
const outcome = await Promise.race([
  appDisconnected.then(([reason]) => reason),
  new Promise((resolve) => setTimeout(() => resolve("still connected"), 3000)),
]);
result.appOutcome = outcome;
if (outcome !== "still connected") {
  await waitFor(() => (seen.room_left ?? []).some((args) => args[1] === appId), 3000);
}
result.socketConnected = (seen.socket_connected ?? []).map((args) => args[0]);
result.socketDisconnected = (seen.socket_disconnected ?? []).map((args) => args.slice(0, 3));
result.roomsLeft = (seen.room_left ?? []).map((args) => args.slice(0, 3));
const serverIds = () => [...new Set((seen.server_stats ?? []).map((args) => args[0].serverId))].sort();
await waitFor(() => serverIds().length >= Number(servers), 10000);
result.serverIds = serverIds();
dashboard.close();
app.close();

const again = io(`${url}/admin`, { ...options, auth: { sessionId: result.sessionId } });
result.reconnectWithSession = await Promise.race([
  once(again, "connect").then(() => "connected"),
  once(again, "connect_error").then(([error]) => error.message),
]);
again.close();

console.log(JSON.stringify(result));
process.exit(0);
