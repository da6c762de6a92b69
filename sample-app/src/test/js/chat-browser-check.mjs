// Two users chat in one room of the sample, each in their own headless Chromium page.
// Usage: node chat-browser-check.mjs <base url> <screenshot path>
// Prints one JSON line with what each page saw; exits non-zero on any failure.
import { chromium } from "playwright-core";

const [baseUrl, screenshot] = process.argv.slice(2);
const STEP_TIMEOUT = 10_000;
const result = { ok: false, externalRequests: [], consoleErrors: [] };

// Playwright gives every launch a fresh, temporary user-data directory.
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function openAs(name) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 640 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on("request", (request) => {
    if (!request.url().startsWith(baseUrl) && !request.url().startsWith("data:")) {
      result.externalRequests.push(request.url());
    }
  });
  // Names the resource behind a console "Failed to load resource" line, which does not.
  page.on("response", (response) => {
    if (response.status() >= 400) result.consoleErrors.push(name + ": " + response.status() + " " + response.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error") result.consoleErrors.push(name + ": " + message.text());
  });
  await page.goto(baseUrl);
  await page.fill("#login-name", name);
  await page.click("#login-button");
  await page.waitForSelector("#login.hidden", { state: "attached" });
  await page.waitForSelector(".system:has-text('You joined #general')");
  return page;
}

try {
  // A name the middleware refuses gets its reason on the login card.
  const refusedContext = await browser.newContext();
  const refused = await refusedContext.newPage();
  refused.setDefaultTimeout(STEP_TIMEOUT);
  await refused.goto(baseUrl);
  await refused.fill("#login-name", "<script>");
  await refused.click("#login-button");
  await refused.waitForFunction(() => document.getElementById("login-error").textContent.length > 0);
  result.refusal = await refused.textContent("#login-error");
  await refusedContext.close();

  const alice = await openAs("Alice");
  const bob = await openAs("Bob");

  await alice.waitForFunction(() => document.querySelectorAll("#users li").length === 2);
  result.usersSeenByAlice = await alice.$$eval("#users li", (items) => items.map((item) => item.textContent));

  await bob.fill("#composer-input", "Hi Al");
  await alice.waitForSelector("#typing:has-text('Bob is typing')");
  result.typingSeenByAlice = await alice.textContent("#typing");
  await bob.fill("#composer-input", "");

  await alice.fill("#composer-input", "Hello Bob, welcome to #general!");
  await alice.click("#send-button");
  await alice.waitForSelector(".message.mine .tick.delivered");
  result.aliceTick = await alice.textContent(".message.mine .tick");
  await bob.waitForSelector(".message:not(.mine) .bubble:has-text('Hello Bob, welcome')");
  result.bobReceived = await bob.textContent(".message:not(.mine) .bubble");

  await bob.fill("#composer-input", "Hi Alice, the ticks work.");
  await bob.press("#composer-input", "Enter");
  await bob.waitForSelector(".message.mine .tick.delivered");
  await alice.waitForSelector(".message:not(.mine) .bubble:has-text('the ticks work')");
  result.aliceReceived = await alice.textContent(".message:not(.mine) .bubble");
  await alice.waitForFunction(() => document.getElementById("typing").textContent === "");

  await alice.screenshot({ path: screenshot });
  result.screenshot = screenshot;
  result.ok = true;
} catch (error) {
  result.error = String(error && error.stack || error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
