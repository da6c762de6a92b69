// Signs in to the official Socket.IO Admin UI dashboard (the built page of @socket.io/admin-ui, served by the
// sample under /admin-ui/) in headless Chromium, first with a wrong password, and looks for the server and for an
// application socket opened by socket.io-client on the main namespace, then disconnects it with the row's button.
// Usage: node admin-ui-browser-check.mjs <base url> <username> <password> <server id> <screenshot path>
// Prints one JSON line with what the page showed; exits non-zero on any failure.
import { chromium } from "playwright-core";
import { io } from "socket.io-client";

const [baseUrl, username, password, serverId, screenshot] = process.argv.slice(2);
const STEP_TIMEOUT = 15_000;
const result = { ok: false, blockedRequests: [], consoleErrors: [] };

const app = io(baseUrl, { forceNew: true, reconnection: false, transports: ["websocket"] });
await new Promise((resolve, reject) => {
  app.once("connect", resolve);
  app.once("connect_error", reject);
});
result.appSocketId = app.id;
const appDisconnected = new Promise((resolve) => app.once("disconnect", resolve));

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  // The page links a web font and an icon font from CDNs; the test stays on this machine.
  await page.route((url) => !url.href.startsWith(baseUrl), (route) => {
    result.blockedRequests.push(new URL(route.request().url()).host);
    return route.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      result.consoleErrors.push(message.text());
    }
  });

  await page.goto(`${baseUrl}/admin-ui/index.html`);
  const signIn = async (secret) => {
    await page.getByLabel("Server URL").fill(baseUrl);
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(secret);
    await page.getByRole("button", { name: "Connect" }).click();
  };
  await signIn("wrong");
  await page.getByText("Invalid credentials").waitFor();
  result.wrongPassword = "Invalid credentials";
  await signIn(password);
  await page.getByRole("button", { name: "Connect" }).waitFor({ state: "hidden" });

  await page.goto(`${baseUrl}/admin-ui/index.html#/servers/`);
  await page.getByText(serverId).first().waitFor();
  result.serverListed = serverId;

  await page.goto(`${baseUrl}/admin-ui/index.html#/sockets/`);
  await page.getByText(result.appSocketId).first().waitFor();
  result.socketListed = result.appSocketId;
  await page.screenshot({ path: screenshot });
  await page.locator("tr", { hasText: result.appSocketId }).getByRole("button").click();
  result.appDisconnect = await Promise.race([appDisconnected,
    new Promise((resolve) => setTimeout(() => resolve("still connected"), STEP_TIMEOUT))]);
  result.ok = true;
}
finally {
  await browser.close();
  app.close();
}
result.blockedRequests = [...new Set(result.blockedRequests)].sort();
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
