// Drives our gateway with the third-party client npm openclaw-node (installed by install.sh):
// connects with its own device identity file, optionally streams one chat() reply, and prints one
// JSON line: {"auth": <hello-ok auth>, "methods": [...], "chunks": [{type, text}...]}.
//
// usage: node_client.mjs <ws-url> <token> <identity-file> [--chat MESSAGE] [--session KEY]
//                        [--timeout-ms N]
// Exit codes: 0 done (the caller checks the JSON), 1 connect or chat failed, 2 usage.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const installDir =
    process.env.OPENCLAW_INTEROP_DIR || path.join(here, '..', '..', 'build', 'interop');
const { OpenClawClient } = createRequire(path.join(installDir, 'package.json'))('openclaw-node');

function usage(message) {
  if (message) console.error(`node_client: ${message}`);
  console.error('usage: node_client.mjs <ws-url> <token> <identity-file> [--chat MESSAGE] ' +
                '[--session KEY] [--timeout-ms N]');
  process.exit(2);
}

const positional = [];
const options = { chat: null, session: undefined, timeoutMs: 30000 };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const flag = { '--chat': 'chat', '--session': 'session', '--timeout-ms': 'timeoutMs' }[args[i]];
  if (!flag) {
    positional.push(args[i]);
    continue;
  }
  if (i + 1 >= args.length) usage(`${args[i]} needs a value`);
  options[flag] = flag === 'timeoutMs' ? Number(args[++i]) : args[++i];
}
if (positional.length !== 3) usage();
const [url, token, identityPath] = positional;

const deadline = setTimeout(() => {
  console.error(`node_client: no result within ${options.timeoutMs} ms`);
  process.exit(1);
}, options.timeoutMs);

const client = new OpenClawClient({
  url,
  token,
  deviceIdentityPath: identityPath,
  autoReconnect: false,
});
client.on('error', (error) => console.error(`node_client: client error: ${error.message}`));

try {
  const hello = await client.connect();
  const chunks = [];
  if (options.chat !== null) {
    for await (const chunk of client.chat(options.chat, { sessionKey: options.session })) {
      chunks.push({ type: chunk.type, text: chunk.text });
    }
  }
  await client.disconnect();
  console.log(JSON.stringify({ auth: hello.auth, methods: hello.features?.methods ?? [], chunks }));
  clearTimeout(deadline);
} catch (error) {
  console.error(`node_client: ${error.message}`);
  process.exit(1);
}
