// Drives the official OpenClaw Control UI, served by our gateway, in Debian's chromium through
// puppeteer-core, view by view, and fails on the first view that does not do what a user expects.
//
// usage: node control_ui_browser.mjs <ui-url> <token> <screens-dir> <spec.json>
//   <ui-url>      where the gateway serves the UI, e.g. http://127.0.0.1:18789/
//   <screens-dir> a PNG per view is written here
//   <spec.json>   what run_control_ui_browser.sh set up: {"chatMessage", "chatReply", "sessionKey",
//                 "channelLabel", "logText", "configPath", "logFile"}
//
// Every WebSocket frame is watched (and written to <screens-dir>/frames.jsonl): an "unknown
// method" answer, an uncaught page error or a console error in any view fails the run. Exit 0
// when every view passed, 1 otherwise.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// puppeteer-core comes from the interop install (install.sh), like the official client.
const here = path.dirname(fileURLToPath(import.meta.url));
const installDir =
  process.env.OPENCLAW_INTEROP_DIR || path.join(here, "..", "..", "build", "interop");
const puppeteer = createRequire(path.join(installDir, "package.json"))("puppeteer-core");

const [uiUrl, token, screensDir, specPath] = process.argv.slice(2);
if (!uiUrl || !token || !screensDir || !specPath) {
  console.error("usage: control_ui_browser.mjs <ui-url> <token> <screens-dir> <spec.json>");
  process.exit(2);
}
const spec = JSON.parse(fs.readFileSync(specPath, "utf8"));
const VIEW_DEADLINE_MS = 30_000;
fs.mkdirSync(screensDir, { recursive: true });

// What went wrong, per view; printed at the end.
const problems = [];
let view = "start";
const problem = (text) => problems.push(`[${view}] ${text}`);

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  // The test runs as root in CI containers, where chromium's sandbox cannot start.
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--lang=en-US"],
});

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  watchPage(page);
  const frames = await watchFrames(page);

  await step("connect", async () => {
    const hello = frames.waitFor(
      (f) => f.type === "res" && f.ok && f.payload?.type === "hello-ok", "hello-ok");
    await page.goto(new URL(`#token=${encodeURIComponent(token)}`, uiUrl).href);
    await hello;
    await waitForDeepText(page, "Message Assistant", "the chat composer");
  });

  await step("chat", async () => {
    const composer = await waitForElement(() => deepQuery(page, "textarea"), "the chat composer");
    await composer.type(spec.chatMessage);
    await page.keyboard.press("Enter");
    await frames.waitFor((f) => f.type === "req" && f.method === "chat.send", "chat.send");
    await waitForDeepText(page, spec.chatReply, "the scripted model's reply in the thread");
  });

  await step("sessions", async () => {
    await open(page, "sessions");
    await waitForDeepText(page, spec.sessionKey, "the chat's session in the list");
  });

  await step("devices", async () => {
    await open(page, "settings/devices");
    await waitForDeepText(page, "openclaw-control-ui", "the browser's own device");
    await waitForDeepMatch(page, /\b[1-9]\d* of \d+ connected\b/, "the browser device counted connected");
  });

  await step("channels", async () => {
    await open(page, "settings/channels");
    await waitForDeepText(page, spec.channelLabel, "the configured channel");
    await waitForDeepText(page, "Running", "the channel's link state");
  });

  await step("logs", async () => {
    await open(page, "logs");
    await waitForDeepText(page, spec.logText, "a log record's message text");
  });

  await step("config", async () => {
    await open(page, "settings/advanced");
    await editConfig(page, frames);
  });
} finally {
  await browser.close();
}

if (problems.length > 0) {
  console.log(`FAIL: ${problems.length} problem(s):`);
  for (const text of problems) console.log(`  ${text}`);
  process.exit(1);
}
console.log("PASS: every Control UI view worked");

// Runs one view's checks, then screenshots it; a failure is recorded, the next view still runs.
async function step(name, body) {
  view = name;
  const started = Date.now();
  let error;
  try {
    await body();
  } catch (caught) {
    error = caught;
    problem(caught.message);
  }
  const page = (await browser.pages()).at(-1);
  const screenshot = path.join(screensDir, `${name}.png`);
  // A view may have taken its own screenshot at the moment that shows it best.
  if (error || !fs.existsSync(screenshot) || fs.statSync(screenshot).mtimeMs < started) {
    await page.screenshot({ path: screenshot }).catch(() => {});
  }
  console.log(`${error ? "FAIL" : "ok  "} ${name} (${Date.now() - started} ms)`);
}

// A full navigation to a deep link: the gateway must answer it with the app shell.
async function open(page, route) {
  await page.goto(new URL(route, uiUrl).href);
}

function watchPage(page) {
  page.on("pageerror", (error) => problem(`uncaught page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problem(`console error: ${message.text()}`);
  });
}

// Records every WebSocket frame the page sends and receives (parsed), fails the view on an
// "unknown method" answer, and lets steps wait for a frame.
async function watchFrames(page) {
  const cdp = await page.createCDPSession();
  await cdp.send("Network.enable");
  const seen = [];
  const waiters = new Set();
  // Every frame, with the view it belongs to, for reading after a failure.
  const log = fs.createWriteStream(path.join(screensDir, "frames.jsonl"));
  const record = (frame) => {
    seen.push(frame);
    log.write(`${JSON.stringify({ view, frame })}\n`);
    if (frame.type === "res" && frame.ok === false && /unknown method/i.test(frame.error?.message)) {
      problem(`gateway answered: ${frame.error.message}`);
    }
    for (const waiter of waiters) waiter(frame);
  };
  const parse = (event) => {
    try {
      return JSON.parse(event.response.payloadData);
    } catch {
      return null;
    }
  };
  cdp.on("Network.webSocketFrameSent", (event) => {
    const frame = parse(event);
    if (frame) record(frame);
  });
  cdp.on("Network.webSocketFrameReceived", (event) => {
    const frame = parse(event);
    if (frame) record(frame);
  });
  return {
    seen,
    // Resolves with the first frame (from now on) that matches.
    waitFor(matches, what) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} frame within ${VIEW_DEADLINE_MS} ms`));
        }, VIEW_DEADLINE_MS);
        const check = (frame) => {
          if (!matches(frame)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(frame);
        };
        waiters.add(check);
      });
    },
  };
}

// The page's text, through every open shadow root (the UI is made of Lit components).
function deepText() {
  const parts = [];
  const walk = (root) => {
    for (const node of root.querySelectorAll("*")) {
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) parts.push(text.data);
    for (const field of root.querySelectorAll("textarea, input")) {
      parts.push(field.value ?? "", field.placeholder ?? "");
    }
  };
  walk(document);
  return parts.join(" ");
}

async function waitForDeepMatch(page, pattern, what) {
  const deadline = Date.now() + VIEW_DEADLINE_MS;
  for (;;) {
    const text = await page.evaluate(deepText).catch(() => "");
    if (pattern.test(text)) return;
    if (Date.now() > deadline) throw new Error(`${what}: no ${pattern} on the page`);
    await page.waitForNetworkIdle({ idleTime: 200, timeout: 1000 }).catch(() => {});
  }
}

function waitForDeepText(page, text, what) {
  return waitForDeepMatch(page, new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), what);
}

// The first element matching `selector` in the document or any shadow root, optionally only one
// whose text is exactly `text` or whose value contains `valuePart`. (No function is shipped into
// the page: the UI's Content-Security-Policy forbids eval.)
async function deepFind(page, selector, { text, valuePart } = {}) {
  const handle = await page.evaluateHandle(
    (sel, wantedText, wantedValue) => {
      const accept = (element) =>
        (wantedText === null || element.textContent.trim() === wantedText) &&
        (wantedValue === null || (element.value ?? "").includes(wantedValue));
      const search = (root) => {
        for (const found of root.querySelectorAll(sel)) {
          if (accept(found)) return found;
        }
        for (const node of root.querySelectorAll("*")) {
          if (node.shadowRoot) {
            const inner = search(node.shadowRoot);
            if (inner) return inner;
          }
        }
        return null;
      };
      return search(document);
    },
    selector, text ?? null, valuePart ?? null);
  return handle.asElement();
}

function deepQuery(page, selector) {
  return deepFind(page, selector);
}
function deepQueryWithText(page, selector, text) {
  return deepFind(page, selector, { text });
}
function deepQueryWithValue(page, selector, valuePart) {
  return deepFind(page, selector, { valuePart });
}

// In Settings > Advanced, the raw editor: raise logging.level to "debug" and save. The save must
// be answered ok, land in the config file, and apply without a restart (debug records appear in
// the gateway's log file).
async function editConfig(page, frames) {
  const rawTab = await waitForElement(
    () => deepQueryWithText(page, "button.settings-segmented__btn", "Raw"), "the Raw tab");
  await rawTab.click();
  const editor = await waitForElement(() => deepQueryWithValue(page, "textarea", '"logging"'),
                                      "the raw config editor showing the file");

  const edited = JSON.parse(fs.readFileSync(spec.configPath, "utf8"));
  edited.logging.level = "debug";
  await editor.click();
  await editor.evaluate((field) => field.select());
  await page.keyboard.press("Delete");
  await editor.type(JSON.stringify(edited, null, 2));

  const save = await waitForElement(() => deepQueryWithText(page, "button", "Save"), "Save");
  const request = frames.waitFor(
    (f) => f.type === "req" && /^config\.(set|patch|apply)$/.test(f.method), "config save request");
  await save.click();
  const sent = await request;
  const answer = await frames.waitFor((f) => f.type === "res" && f.id === sent.id, "config save answer");
  if (!answer.ok) throw new Error(`${sent.method} refused: ${answer.error?.message}`);

  const written = JSON.parse(fs.readFileSync(spec.configPath, "utf8"));
  if (written.logging?.level !== "debug") throw new Error("the saved config file has no logging.level debug");
  // Reloading the view makes the gateway answer requests, which it now logs at debug level.
  await page.screenshot({ path: path.join(screensDir, "config.png") });
  await open(page, "logs");
  await waitFor(() => /"level":"debug"/.test(fs.readFileSync(spec.logFile, "utf8")),
                "debug records in the gateway log after the live config change");
}

// Polls `find` (an element lookup) until it returns an element.
async function waitForElement(find, what) {
  const deadline = Date.now() + VIEW_DEADLINE_MS;
  for (;;) {
    const element = await find().catch(() => null);
    if (element) return element;
    if (Date.now() > deadline) throw new Error(`${what}: not on the page`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitFor(condition, what) {
  const deadline = Date.now() + VIEW_DEADLINE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${VIEW_DEADLINE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
