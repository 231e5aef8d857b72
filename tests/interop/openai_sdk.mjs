// Drives our gateway's OpenAI-compatible HTTP APIs with the official `openai` npm SDK.
// usage: node openai_sdk.mjs <baseURL ending in /v1> <gateway token>
// Each step prints what it checked; the first failed expectation exits 1.
import { createRequire } from "node:module";
import path from "node:path";

const interopDir = process.env.OPENCLAW_INTEROP_DIR;
if (!interopDir) throw new Error("OPENCLAW_INTEROP_DIR is not set");
const require = createRequire(path.join(interopDir, "package.json"));
const { default: OpenAI } = await import(require.resolve("openai"));

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });

function expect(condition, message, detail) {
  if (!condition) {
    console.error(`FAIL: ${message}`);
    if (detail !== undefined) console.error(JSON.stringify(detail, null, 2));
    process.exit(1);
  }
}

async function step(name, body) {
  process.stdout.write(`-- ${name}: `);
  await body();
  console.log("ok");
}

await step("models.list()", async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  expect(ids.includes("openclaw/default"), "models.list lacks openclaw/default", ids);
  const one = await client.models.retrieve("openclaw/default");
  expect(one.id === "openclaw/default" && one.object === "model", "models.retrieve", one);
});

await step("bad key is an AuthenticationError", async () => {
  const wrong = new OpenAI({ baseURL, apiKey: "wrong", maxRetries: 0 });
  let status = 0;
  try {
    await wrong.models.list();
  } catch (error) {
    status = error.status;
  }
  expect(status === 401, `expected 401, got ${status}`);
});

await step("chat.completions.create", async () => {
  const completion = await client.chat.completions.create({
    model: "openclaw/default",
    messages: [{ role: "user", content: "Say hello" }],
  });
  expect(completion.object === "chat.completion", "object", completion);
  const choice = completion.choices[0];
  expect(choice.message.content === "Hello from the scripted model.", "content", completion);
  expect(choice.finish_reason === "stop", "finish_reason", completion);
  expect(completion.usage.total_tokens > 0, "usage", completion);
});

await step("chat.completions.create({stream: true})", async () => {
  const stream = await client.chat.completions.create({
    model: "openclaw/default",
    messages: [{ role: "user", content: "Stream something" }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = "";
  let finish = null;
  let usage = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks += 1;
    expect(chunk.object === "chat.completion.chunk", "chunk object", chunk);
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? "";
      finish = choice.finish_reason ?? finish;
    }
    usage = chunk.usage ?? usage;
  }
  expect(text === "Streamed through the gateway.", `streamed text was "${text}"`);
  expect(chunks > 2, `expected several chunks, got ${chunks}`);
  expect(finish === "stop", "finish_reason", finish);
  expect(usage && usage.total_tokens > 0, "usage chunk", usage);
});

await step("client tool-call round trip", async () => {
  const tools = [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "The weather in a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      },
    },
  ];
  const messages = [{ role: "user", content: "What is the weather in Paris?" }];
  const first = await client.chat.completions.create({ model: "openclaw/default", messages, tools });
  const call = first.choices[0].message.tool_calls?.[0];
  expect(first.choices[0].finish_reason === "tool_calls", "finish_reason tool_calls", first);
  expect(call && call.type === "function" && call.function.name === "get_weather", "tool call", first);
  expect(JSON.parse(call.function.arguments).city === "Paris", "tool arguments", call);
  messages.push(first.choices[0].message);
  messages.push({ role: "tool", tool_call_id: call.id, content: "22 degrees and sunny" });
  const second = await client.chat.completions.create({ model: "openclaw/default", messages, tools });
  expect(second.choices[0].message.content === "It is sunny in Paris.", "final answer", second);
  expect(second.choices[0].finish_reason === "stop", "final finish_reason", second);
});

let firstResponseId = "";
await step("responses.create", async () => {
  const response = await client.responses.create({
    model: "openclaw/default",
    input: "My name is Ada. Say hello.",
  });
  expect(response.object === "response" && response.status === "completed", "status", response);
  expect(response.output_text === "Responses say hello.", "output_text", response);
  expect(response.usage.total_tokens > 0, "usage", response);
  firstResponseId = response.id;
});

await step("responses.create({stream: true})", async () => {
  const stream = await client.responses.create({
    model: "openclaw/default",
    input: "Stream a reply",
    stream: true,
  });
  const types = [];
  let text = "";
  let completed = null;
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === "response.output_text.delta") text += event.delta;
    if (event.type === "response.completed") completed = event.response;
  }
  expect(types[0] === "response.created", "first event", types);
  expect(types.at(-1) === "response.completed", "last event", types);
  expect(text === "Responses stream too.", `streamed text was "${text}"`, types);
  expect(completed && completed.status === "completed", "completed response", completed);
});

await step("responses.create({previous_response_id})", async () => {
  const response = await client.responses.create({
    model: "openclaw/default",
    input: "What is my name?",
    previous_response_id: firstResponseId,
  });
  expect(response.output_text === "You said your name is Ada.", "follow-up", response);
});

console.log("all OpenAI SDK calls passed");
