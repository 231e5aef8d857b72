#!/usr/bin/env node
// Drives a gateway over WebSocket like an operator client would and records every frame the
// gateway sends, one JSON object per line, for validate_frames.mjs.
//
// usage: capture_frames.mjs <ws-url> <token> <out.jsonl>
//                           [--install-dir DIR] [--timeout-ms N] [--wait-tick] [--until-close]
//
// Steps (each wait is bounded by --timeout-ms, default 15000):
//   1. admin client: wait for connect.challenge, send connect (client cli/cli, role operator,
//      scopes [operator.admin], token auth, protocol 4..4), expect hello-ok
//   2. call health, status, system-presence, system-event {text:"interop"} and an unknown
//      method (expects an error response); wait for one `presence` event
//   3. read-only client (scopes [operator.read]): call system-event, expect MISSING_SCOPE
//   4. wrong-token client: connect, expect an error response with AUTH_TOKEN_MISMATCH details
//   5. --wait-tick: wait for one `tick` event on the admin client
//   6. print "CAPTURE READY"; with --until-close keep the admin client connected until the
//      gateway closes it (expecting a `shutdown` event first), otherwise close it and exit
//
// Uses the `ws` package that the upstream openclaw CLI depends on (from install.sh's install).
// Exit codes: 0 all steps passed, 1 a step failed, 2 usage, 77 ws not installed.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function usage(message) {
  if (message) console.error(`capture_frames: ${message}`);
  console.error('usage: capture_frames.mjs <ws-url> <token> <out.jsonl> [--install-dir DIR] ' +
                '[--timeout-ms N] [--wait-tick] [--until-close]');
  process.exit(2);
}

let installDir = process.env.OPENCLAW_INTEROP_DIR || path.join(here, '..', '..', 'build', 'interop');
let timeoutMs = 15000;
let waitTick = false;
let untilClose = false;
const positional = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--install-dir' || arg === '--timeout-ms') {
    if (i + 1 >= args.length) usage(`${arg} needs a value`);
    const value = args[++i];
    if (arg === '--install-dir') installDir = value;
    else timeoutMs = Number(value);
  } else if (arg === '--wait-tick') {
    waitTick = true;
  } else if (arg === '--until-close') {
    untilClose = true;
  } else if (arg.startsWith('--')) {
    usage(`unknown option ${arg}`);
  } else {
    positional.push(arg);
  }
}
if (positional.length !== 3) usage('expected <ws-url> <token> <out.jsonl>');
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) usage('--timeout-ms must be a positive number');
const [url, token, outPath] = positional;

const openclawPackage = path.join(path.resolve(installDir), 'node_modules', 'openclaw',
                                  'package.json');
let WebSocket;
try {
  WebSocket = createRequire(openclawPackage)('ws');
} catch (err) {
  console.log(`INTEROP SKIPPED: the ws package (an openclaw dependency) is not installed under ${
    installDir} (run tests/interop/install.sh): ${err.message}`);
  process.exit(77);
}

const log = (message) => console.log(`[capture] ${message}`);
const out = fs.openSync(outPath, 'w');
let recorded = 0;
let failed = 0;

function checkFailed(message) {
  failed++;
  log(`CHECK FAILED: ${message}`);
}

// One WebSocket connection that records every text frame the gateway sends to it.
class Client {
  constructor(name) {
    this.name = name;
    this.frames = [];
    this.waiters = [];
    this.nextId = 1;
    this.closed = null;
    this.ws = new WebSocket(url, { handshakeTimeout: timeoutMs });
    this.ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      log(`${this.name}: closed by ${code} ${JSON.stringify(this.closed.reason)}`);
      this.notify();
    });
    this.ws.on('error', (err) => {
      log(`${this.name}: socket error: ${err.message}`);
      if (!this.closed) this.closed = { code: -1, reason: err.message };
      this.notify();
    });
  }

  onMessage(data, isBinary) {
    const text = data.toString();
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      frame = undefined;
    }
    // Record the frame as sent (re-serialised to keep it on one line); unparseable text is
    // recorded verbatim so the validator reports it.
    fs.writeSync(out, `${frame === undefined ? text.replace(/\n/g, '\\n') : JSON.stringify(frame)}\n`);
    recorded++;
    if (isBinary) checkFailed(`${this.name}: gateway sent a binary frame`);
    if (frame === undefined) checkFailed(`${this.name}: gateway sent a non-JSON frame: ${text}`);
    else this.frames.push(frame);
    this.notify();
  }

  notify() {
    for (const waiter of [...this.waiters]) waiter();
  }

  // Resolves with the first recorded frame (from index `from`) that matches, or rejects when the
  // deadline passes or the connection closes first.
  waitFor(description, predicate, from = 0) {
    return new Promise((resolve, reject) => {
      let timer;
      const waiter = () => {
        const found = this.frames.slice(from).find(predicate);
        if (found !== undefined || this.closed) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
          if (found !== undefined) resolve(found);
          else reject(new Error(`${this.name}: connection closed (${this.closed.code} ${
            this.closed.reason}) while waiting for ${description}`));
        }
      };
      timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.name}: no ${description} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
      waiter();
    });
  }

  waitClosed(description) {
    return new Promise((resolve, reject) => {
      let timer;
      const waiter = () => {
        if (this.closed) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(this.closed);
        }
      };
      timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.name}: ${description} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
      waiter();
    });
  }

  async request(method, params) {
    const id = `${this.name}-${this.nextId++}`;
    const frame = { type: 'req', id, method };
    if (params !== undefined) frame.params = params;
    this.ws.send(JSON.stringify(frame));
    return this.waitFor(`response to ${method} (id ${id})`,
                        (f) => f.type === 'res' && f.id === id);
  }

  // Waits for the challenge, then sends connect; resolves with the connect response.
  async connect(scopes, authToken) {
    const challenge = await this.waitFor('connect.challenge event',
                                         (f) => f.type === 'event' && f.event === 'connect.challenge');
    log(`${this.name}: got connect.challenge nonce=${challenge.payload?.nonce}`);
    return this.request('connect', {
      minProtocol: 4,
      maxProtocol: 4,
      client: { id: 'cli', version: 'interop-capture', platform: process.platform, mode: 'cli' },
      role: 'operator',
      scopes,
      auth: { token: authToken },
    });
  }

  close() {
    if (!this.closed) this.ws.close(1000, 'capture done');
    return this.waitClosed('no close').catch(() => this.ws.terminate());
  }
}

function expectOk(method, res) {
  if (res.ok === true) log(`${method}: ok`);
  else checkFailed(`${method}: expected ok, got error ${JSON.stringify(res.error)}`);
}

async function main() {
  log(`connecting to ${url}, recording frames to ${outPath}`);

  // 1-2: the admin client.
  const admin = new Client('admin');
  const hello = await admin.connect(['operator.admin'], token);
  if (hello.ok !== true || hello.payload?.type !== 'hello-ok') {
    checkFailed(`connect: expected hello-ok, got ${JSON.stringify(hello)}`);
    throw new Error('admin connect failed; nothing more to capture');
  }
  log(`connect: hello-ok protocol=${hello.payload.protocol} server=${hello.payload.server?.version}`);

  expectOk('health', await admin.request('health'));
  expectOk('status', await admin.request('status'));
  expectOk('system-presence', await admin.request('system-presence'));
  expectOk('system-event', await admin.request('system-event', { text: 'interop' }));
  const unknown = await admin.request('interop.no-such-method', {});
  if (unknown.ok === false) log(`unknown method: error ${unknown.error?.code} (as expected)`);
  else checkFailed(`unknown method: expected an error response, got ${JSON.stringify(unknown)}`);
  await admin.waitFor('presence event', (f) => f.type === 'event' && f.event === 'presence');
  log('presence event: received');

  // 3: a read-only operator may not call system-event (operator.admin upstream).
  const reader = new Client('reader');
  const readerHello = await reader.connect(['operator.read'], token);
  if (readerHello.ok !== true) {
    checkFailed(`read-only connect: expected hello-ok, got ${JSON.stringify(readerHello)}`);
  } else {
    const denied = await reader.request('system-event', { text: 'interop (read-only)' });
    if (denied.ok === false && denied.error?.details?.code === 'MISSING_SCOPE') {
      log(`read-only system-event: ${denied.error.code} with MISSING_SCOPE details (as expected)`);
    } else {
      checkFailed('read-only system-event: expected an error with details.code MISSING_SCOPE, ' +
                  `got ${JSON.stringify(denied)}`);
    }
  }
  await reader.close();

  // 4: a wrong token is refused with AUTH_TOKEN_MISMATCH.
  const intruder = new Client('badtoken');
  const refused = await intruder.connect(['operator.admin'], `${token}-wrong`);
  if (refused.ok === false && JSON.stringify(refused.error ?? {}).includes('AUTH_TOKEN_MISMATCH')) {
    log(`wrong token: refused with ${refused.error.code} / AUTH_TOKEN_MISMATCH (as expected)`);
  } else {
    checkFailed(`wrong token: expected an AUTH_TOKEN_MISMATCH error, got ${JSON.stringify(refused)}`);
  }
  await intruder.close();

  // 5: one tick (the gateway's tick interval must be short for this; see the runner script).
  if (waitTick) {
    await admin.waitFor('tick event', (f) => f.type === 'event' && f.event === 'tick');
    log('tick event: received');
  }

  // 6: hand over to the runner, which stops the gateway while we stay connected.
  log(`${recorded} frames recorded so far`);
  console.log('CAPTURE READY');
  if (untilClose) {
    const from = admin.frames.length;
    const closed = await admin.waitClosed('gateway did not close the connection');
    const shutdown = admin.frames.slice(from).find((f) => f.type === 'event' && f.event === 'shutdown');
    if (shutdown) log(`shutdown event: ${JSON.stringify(shutdown.payload)}, then close ${closed.code}`);
    else checkFailed(`gateway closed the connection (${closed.code}) without a shutdown event`);
  } else {
    await admin.close();
  }
}

try {
  await main();
} catch (err) {
  checkFailed(err.message);
}
fs.closeSync(out);
log(`${recorded} frames recorded in ${outPath}; ${failed ? `${failed} check(s) FAILED` : 'all steps passed'}`);
process.exit(failed ? 1 : 0);
