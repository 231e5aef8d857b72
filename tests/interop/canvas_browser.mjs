// Loads a canvas page in Debian's chromium through puppeteer-core and changes its file: the
// injected live-reload script must reload the page (counted in sessionStorage) within a
// deadline. Done on every port given.
//
// usage: node canvas_browser.mjs <canvas-root> <port>...
// Exit 0 when every port's page reloaded, 1 otherwise.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const installDir =
  process.env.OPENCLAW_INTEROP_DIR || path.join(here, "..", "..", "build", "interop");
const puppeteer = createRequire(path.join(installDir, "package.json"))("puppeteer-core");

const [root, ...ports] = process.argv.slice(2);
if (!root || ports.length === 0) {
  console.error("usage: canvas_browser.mjs <canvas-root> <port>...");
  process.exit(2);
}
const DEADLINE_MS = 15_000;

// The page counts its loads; `version` tells the two files apart.
const page = (version) => `<!doctype html>
<html><head><title>canvas</title></head><body><p id="version">${version}</p>
<script>sessionStorage.loads = String(Number(sessionStorage.loads || 0) + 1);</script>
</body></html>`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
let failed = false;
try {
  for (const port of ports) {
    const file = path.join(root, `page-${port}.html`);
    fs.writeFileSync(file, page("first"));
    const tab = await browser.newPage();
    const cdp = await tab.createCDPSession();
    await cdp.send("Network.enable");
    // The live-reload socket is up once its handshake answered 101.
    const socketOpen = new Promise((resolve) =>
      cdp.on("Network.webSocketHandshakeResponseReceived", (event) => {
        if (event.response.status === 101) resolve();
      }),
    );
    await tab.goto(`http://127.0.0.1:${port}/__openclaw__/canvas/page-${port}.html`);
    await withDeadline(socketOpen, `port ${port}: the live-reload socket did not open`);
    // Only a reload can show the second version: the test never navigates again.
    const loads = Number(await tab.evaluate(() => sessionStorage.loads));
    fs.writeFileSync(file, page("second"));
    await tab.waitForFunction(
      (before) =>
        Number(sessionStorage.loads) > before &&
        document.getElementById("version")?.textContent === "second",
      { timeout: DEADLINE_MS },
      loads,
    );
    console.log(`port ${port}: the page reloaded after its file changed`);
    await tab.close();
  }
} catch (error) {
  console.error(`FAIL: ${error.message}`);
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);

function withDeadline(promise, what) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), DEADLINE_MS);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
