// Drives the official OpenClaw Control UI, served by our gateway, in Debian's chromium through
// puppeteer-core, view by view, and fails on the first view that does not do what a user expects.
//
// usage: node control_ui_browser.mjs <ui-url> <token> <screens-dir> <spec.json>
//   <ui-url>      where the gateway serves the UI, e.g. http://127.0.0.1:18789/
//   <screens-dir> a PNG per view is written here
//   <spec.json>   what the run_control_ui_browser.sh set up: {"chatMessage", "chatReply",
//                 "channelLabel", "logText", "configPath", "configEdit": {"from", "to"}}
//
// Every WebSocket frame is watched: an "unknown method" answer, an uncaught page error or a
// console error in any view fails the run. Exit 0 when every view passed, 1 otherwise.
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

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
    await page.goto(new URL(`#token=${encodeURIComponent(token)}`, uiUrl).href);
    await frames.waitFor((f) => f.type === "res" && f.ok && f.payload?.type === "hello-ok",
                         "hello-ok");
    await waitForDeepText(page, "Message Assistant", "the chat composer");
  });

  await step("chat", async () => {
    const composer = await deepQuery(page, "textarea");
    if (!composer) throw new Error("no chat composer textarea");
    await composer.type(spec.chatMessage);
    await page.keyboard.press("Enter");
    await frames.waitFor((f) => f.type === "req" && f.method === "chat.send", "chat.send");
    await waitForDeepText(page, spec.chatReply, "the scripted model's reply in the thread");
  });

  await step("sessions", async () => {
    await open(page, "sessions");
    await waitForDeepText(page, spec.chatMessage, "the chat session's title in the list");
  });

  await step("devices", async () => {
    await open(page, "settings/devices");
    await waitForDeepText(page, "openclaw-control-ui", "the browser's own device");
    await waitForDeepMatch(page, /\bconnected\b|\bonline\b/i, "the browser device shown connected");
  });

  await step("channels", async () => {
    await open(page, "settings/channels");
    await waitForDeepText(page, spec.channelLabel, "the configured channel");
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
  await page.screenshot({ path: path.join(screensDir, `${name}.png`) }).catch(() => {});
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
  const record = (frame) => {
    seen.push(frame);
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
const DEEP_TEXT = `(() => {
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
})()`;

async function waitForDeepMatch(page, pattern, what) {
  const deadline = Date.now() + VIEW_DEADLINE_MS;
  for (;;) {
    const text = await page.evaluate(DEEP_TEXT).catch(() => "");
    if (pattern.test(text)) return;
    if (Date.now() > deadline) throw new Error(`${what}: no ${pattern} on the page`);
    await page.waitForNetworkIdle({ idleTime: 200, timeout: 1000 }).catch(() => {});
  }
}

function waitForDeepText(page, text, what) {
  return waitForDeepMatch(page, new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")), what);
}

// The first element matching `selector` in the document or any shadow root.
async function deepQuery(page, selector) {
  const handle = await page.evaluateHandle((sel) => {
    const search = (root) => {
      const found = root.querySelector(sel);
      if (found) return found;
      for (const node of root.querySelectorAll("*")) {
        if (node.shadowRoot) {
          const inner = search(node.shadowRoot);
          if (inner) return inner;
        }
      }
      return null;
    };
    return search(document);
  }, selector);
  return handle.asElement();
}

async function editConfig(page, frames) {
  throw new Error("config editing is not scripted yet");
}
