#!/usr/bin/env node
// Validates frames that our gateway sent against upstream's machine-readable protocol contract,
// protocol.schema.json from npm @openclaw/gateway-protocol (installed by install.sh).
//
// usage: validate_frames.mjs [--install-dir DIR] [--verbose] <frames.jsonl>
//
// Each non-empty line of the input is one frame (a JSON object) as the gateway sent it. A frame is
// checked against the upstream definition its `type` selects:
//   res   -> ResponseFrame; ok && payload.type === "hello-ok" -> also HelloOk on the payload;
//            !ok -> also ErrorShape on error; error.details.code === "MISSING_SCOPE" -> also
//            MissingScopeErrorDetails on the details
//   event -> EventFrame; tick -> TickEvent, shutdown -> ShutdownEvent, chat -> ChatEvent,
//            agent -> AgentEvent (less the sessionKey upstream adds) on the payload,
//            presence -> PresenceEntry on every payload.presence item,
//            connect.challenge -> payload.nonce a non-empty string and payload.ts an integer
//   req   -> RequestFrame (upstream allows it in GatewayFrame)
//   other -> GatewayFrame (which fails, and says why)
//
// Exit codes: 0 all frames valid, 1 any failure (or unreadable input), 2 usage, 77 the upstream
// schema or ajv is not installed (run tests/interop/install.sh).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function usage(message) {
  if (message) console.error(`validate_frames: ${message}`);
  console.error('usage: validate_frames.mjs [--install-dir DIR] [--verbose] <frames.jsonl>');
  process.exit(2);
}

let installDir = process.env.OPENCLAW_INTEROP_DIR || path.join(here, '..', '..', 'build', 'interop');
let verbose = false;
let input;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--install-dir') {
    if (i + 1 >= args.length) usage('--install-dir needs a value');
    installDir = args[++i];
  } else if (arg === '--verbose') {
    verbose = true;
  } else if (arg.startsWith('-')) {
    usage(`unknown option ${arg}`);
  } else if (input === undefined) {
    input = arg;
  } else {
    usage('only one input file');
  }
}
if (input === undefined) usage('missing <frames.jsonl>');
installDir = path.resolve(installDir);

const schemaPath = path.join(
  installDir, 'node_modules', '@openclaw', 'gateway-protocol', 'protocol.schema.json');
const ajvPackage = path.join(installDir, 'node_modules', 'ajv', 'package.json');
if (!fs.existsSync(schemaPath) || !fs.existsSync(ajvPackage)) {
  console.log(`INTEROP SKIPPED: upstream protocol schema or ajv not installed under ${installDir}` +
              ' (run tests/interop/install.sh)');
  process.exit(77);
}

const requireFromInstall = createRequire(ajvPackage);
const ajvModule = requireFromInstall('ajv');
const Ajv = ajvModule.default ?? ajvModule;
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const protocolVersion = JSON.parse(fs.readFileSync(
  path.join(path.dirname(schemaPath), 'package.json'), 'utf8')).version;

// strict: false -- upstream's schema carries keywords ajv does not define (`discriminator` with an
// OpenAPI-style `mapping`, which ajv's own discriminator support rejects; `methods`, `since`,
// `scope`, `x-openclaw-since` annotations). In non-strict mode ajv ignores unknown keywords, and
// the discriminated `oneOf` still validates because each branch pins `type` with a const.
// The schema uses `format: "uuid"`; ajv core ships no formats, so define that one here.
const ajv = new Ajv({ strict: false, allErrors: true, verbose: false });
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addSchema(schema, 'upstream');

const validators = new Map();
function validatorFor(definition) {
  let validate = validators.get(definition);
  if (!validate) {
    validate = ajv.getSchema(`upstream#/definitions/${definition}`);
    if (!validate) throw new Error(`upstream schema has no definition ${definition}`);
    validators.set(definition, validate);
  }
  return validate;
}

const checkCounts = new Map();
const failures = [];

function describeFrame(frame) {
  if (frame === null || typeof frame !== 'object') return 'non-object';
  if (frame.type === 'event') return `event ${JSON.stringify(frame.event)}`;
  if (frame.type === 'res') return `res id=${JSON.stringify(frame.id)} ok=${frame.ok}`;
  return `type ${JSON.stringify(frame.type)}`;
}

function fail(lineNo, frame, what, detail) {
  failures.push({ lineNo, frame, what, detail });
}

// Validates `value` (found at `where` in the frame) against an upstream definition.
function check(lineNo, frame, definition, value, where) {
  checkCounts.set(definition, (checkCounts.get(definition) ?? 0) + 1);
  const validate = validatorFor(definition);
  if (validate(value)) return true;
  const errors = validate.errors.map((e) => {
    const params = Object.keys(e.params ?? {}).length ? ` ${JSON.stringify(e.params)}` : '';
    return `${where}${e.instancePath || ''} ${e.message}${params} (schema ${e.schemaPath})`;
  });
  fail(lineNo, frame, `${definition} at ${where}`, errors);
  return false;
}

function checkCustom(lineNo, frame, name, ok, detail) {
  checkCounts.set(name, (checkCounts.get(name) ?? 0) + 1);
  if (!ok) fail(lineNo, frame, name, [detail]);
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function validateFrame(lineNo, frame) {
  if (!isObject(frame)) {
    fail(lineNo, frame, 'frame', ['frame is not a JSON object']);
    return;
  }
  switch (frame.type) {
    case 'res': {
      check(lineNo, frame, 'ResponseFrame', frame, 'frame');
      if (frame.ok === true && isObject(frame.payload) && frame.payload.type === 'hello-ok') {
        check(lineNo, frame, 'HelloOk', frame.payload, 'payload');
      }
      if (frame.ok === false) {
        check(lineNo, frame, 'ErrorShape', frame.error, 'error');
        if (isObject(frame.error) && isObject(frame.error.details) &&
            frame.error.details.code === 'MISSING_SCOPE') {
          check(lineNo, frame, 'MissingScopeErrorDetails', frame.error.details, 'error.details');
        }
      }
      break;
    }
    case 'event': {
      check(lineNo, frame, 'EventFrame', frame, 'frame');
      const payload = frame.payload;
      switch (frame.event) {
        case 'tick':
          check(lineNo, frame, 'TickEvent', payload, 'payload');
          break;
        case 'shutdown':
          check(lineNo, frame, 'ShutdownEvent', payload, 'payload');
          break;
        case 'chat':
          check(lineNo, frame, 'ChatEvent', payload, 'payload');
          break;
        case 'agent': {
          // Upstream's broadcasts add the run's sessionKey to AgentEvent, which the schema lacks.
          const { sessionKey, ...event } = isObject(payload) ? payload : { payload };
          check(lineNo, frame, 'AgentEvent', event, 'payload');
          checkCustom(lineNo, frame, 'agent sessionKey', sessionKey === undefined ||
                        typeof sessionKey === 'string', 'payload.sessionKey must be a string');
          break;
        }
        case 'presence':
          if (!isObject(payload) || !Array.isArray(payload.presence)) {
            checkCustom(lineNo, frame, 'presence payload', false,
                        'payload.presence must be an array of PresenceEntry');
          } else {
            payload.presence.forEach((entry, i) =>
              check(lineNo, frame, 'PresenceEntry', entry, `payload.presence[${i}]`));
          }
          break;
        case 'node.invoke.request':
          check(lineNo, frame, 'NodeInvokeRequestEvent', payload, 'payload');
          break;
        case 'connect.challenge':
          checkCustom(lineNo, frame, 'connect.challenge payload',
                      isObject(payload) && typeof payload.nonce === 'string' &&
                        payload.nonce.length > 0 && Number.isInteger(payload.ts),
                      `payload must have a non-empty string nonce and an integer ts, got ${
                        JSON.stringify(payload)}`);
          break;
        default:
          break;
      }
      break;
    }
    case 'req':
      check(lineNo, frame, 'RequestFrame', frame, 'frame');
      break;
    default:
      check(lineNo, frame, 'GatewayFrame', frame, 'frame');
      fail(lineNo, frame, 'frame type',
           [`unexpected frame type ${JSON.stringify(frame.type)} (expected res or event)`]);
  }
}

let text;
try {
  text = fs.readFileSync(input, 'utf8');
} catch (err) {
  console.error(`validate_frames: cannot read ${input}: ${err.message}`);
  process.exit(1);
}

let frames = 0;
text.split('\n').forEach((line, index) => {
  if (line.trim() === '') return;
  frames++;
  const lineNo = index + 1;
  let frame;
  try {
    frame = JSON.parse(line);
  } catch (err) {
    fail(lineNo, line, 'JSON', [`line is not JSON: ${err.message}`]);
    return;
  }
  const before = failures.length;
  validateFrame(lineNo, frame);
  if (verbose && failures.length === before) console.log(`ok   line ${lineNo}: ${describeFrame(frame)}`);
});

console.log(`validate_frames: ${input} against @openclaw/gateway-protocol@${protocolVersion} ` +
            'protocol.schema.json');
for (const f of failures) {
  const desc = typeof f.frame === 'string' ? 'unparsed' : describeFrame(f.frame);
  console.log(`FAIL line ${f.lineNo} (${desc}): ${f.what}`);
  for (const d of f.detail) console.log(`       ${d}`);
  const shown = typeof f.frame === 'string' ? f.frame : JSON.stringify(f.frame);
  console.log(`       frame: ${shown.length > 600 ? `${shown.slice(0, 600)}...` : shown}`);
}
const counts = [...checkCounts.entries()].map(([k, v]) => `${k} x${v}`).join(', ');
console.log(`checks: ${counts || 'none'}`);
console.log(`${frames} frames validated, ${failures.length} failures`);
if (frames === 0) {
  console.log(`validate_frames: FAIL: ${input} holds no frames`);
  process.exit(1);
}
process.exit(failures.length === 0 ? 0 : 1);
