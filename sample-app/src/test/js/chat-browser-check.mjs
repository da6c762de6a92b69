// Two signed-in users chat in one room of the sample and write to each other directly, each in their own headless
// Chromium context (alice with two tabs); a page without a login session is refused first.
// Usage: node chat-browser-check.mjs <base url> <screenshot path>
// Prints one JSON line with what each page saw; exits non-zero on any failure.
import { chromium } from "playwright-core";

const [baseUrl, screenshot] = process.argv.slice(2);
const STEP_TIMEOUT = 30_000;
// A navigation (the sign-in's form post and the chat page it leads to) runs Chromium's page load and the server's
// password check; on a machine busy with other builds it has taken longer than a step.
const NAVIGATION_TIMEOUT = 90_000;
const result = { ok: false, externalRequests: [], consoleErrors: [] };

// Playwright gives every launch a fresh, temporary user-data directory.
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function newPage(context, name) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
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
  return page;
}

async function joined(page) {
  await page.waitForSelector("#login.hidden", { state: "attached" });
  await page.waitForSelector(".system:has-text('You joined #general')");
}

// Opens the chat without a session: the socket is refused, the page offers to sign in, the login form signs in
// and leads back to the chat. Returns what the refused page said, and the page.
async function signIn(name) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 640 } });
  const page = await newPage(context, name);
  await page.goto(baseUrl);
  await page.waitForFunction(() => document.getElementById("login-error").textContent.length > 0);
  const refusal = await page.textContent("#login-error");
  await page.click("#sign-in");
  await page.fill("#username", name);
  await page.fill("#password", name + "-demo");
  await page.click("button[type=submit]");
  await joined(page);
  return { context, page, refusal };
}

async function online(page) {
  return page.$$eval("#online li", (items) => items.map((item) => item.textContent));
}

try {
  // A wrong password keeps the user on the login form.
  const strangerContext = await browser.newContext();
  const stranger = await newPage(strangerContext, "stranger");
  await stranger.goto(baseUrl + "/login");
  await stranger.fill("#username", "alice");
  await stranger.fill("#password", "guess");
  await stranger.click("button[type=submit]");
  await stranger.waitForURL(/\/login\?error/);
  result.wrongPasswordUrl = new URL(stranger.url()).search;
  await strangerContext.close();

  const { context: aliceContext, page: alice, refusal } = await signIn("alice");
  result.refusal = refusal;
  const { context: bobContext, page: bob } = await signIn("bob");
  const aliceSecondTab = await newPage(aliceContext, "alice (second tab)");
  await aliceSecondTab.goto(baseUrl);
  await joined(aliceSecondTab);

  await alice.waitForFunction(() => document.querySelectorAll("#users li").length === 2);
  result.usersSeenByAlice = await alice.$$eval("#users li", (items) => items.map((item) => item.textContent));
  await bob.waitForFunction(() => document.querySelectorAll("#online li").length === 2);
  result.onlineSeenByBob = await online(bob);
  result.onlineSeenByAlice = await online(alice);

  await bob.fill("#composer-input", "Hi Al");
  await alice.waitForSelector("#typing:has-text('bob is typing')");
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

  // A direct message: to every tab of bob, and to alice's other tab.
  await alice.click("#online li[data-user='bob']");
  await alice.waitForSelector("#recipient:not(.hidden)");
  result.recipient = (await alice.textContent("#recipient")).replace(/\s+/g, " ").trim();
  await alice.fill("#composer-input", "Psst Bob, only you see this.");
  await alice.press("#composer-input", "Enter");
  await alice.waitForSelector(".message.direct.mine .tick.delivered");
  await bob.waitForSelector(".message.direct:not(.mine) .bubble:has-text('only you see this')");
  result.bobDirect = await bob.textContent(".message.direct .bubble");
  result.bobDirectMeta = await bob.textContent(".message.direct .meta");
  await aliceSecondTab.waitForSelector(".message.direct.mine .bubble:has-text('only you see this')");
  result.aliceSecondTabDirectMeta = await aliceSecondTab.textContent(".message.direct .meta");
  await alice.screenshot({ path: screenshot });
  result.screenshot = screenshot;

  // Closing one of alice's tabs leaves her online; bob leaving takes him off the list.
  await aliceSecondTab.close();
  await bobContext.close();
  await alice.waitForFunction(() => document.querySelectorAll("#online li").length === 1);
  result.onlineSeenByAliceAfterBobLeft = await online(alice);
  await aliceContext.close();
  result.ok = true;
} catch (error) {
  result.error = String(error && error.stack || error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
