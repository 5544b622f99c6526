// The quickstarts of an AI API's page: code that works when pasted, with this installation's base
// URLs and one of the API's models. The key is never in them: each reads TOLLGATE_KEY from the
// environment (the team key from the Keys page).

export type AiBaseUrls = {
  /** OpenAI-compatible clients: chat/completions, embeddings, models */
  openai: string;
  /** Anthropic clients and Claude Code, which append /v1/messages themselves */
  anthropic: string;
};

export function aiBaseUrls(origin: string): AiBaseUrls {
  const base = origin.replace(/\/+$/, "");
  return { openai: `${base}/api/ai/v1`, anthropic: `${base}/api/ai` };
}

export type Quickstart = { id: string; label: string; hint: string; code: string };

type Models = { chat: string | null; embeddings: string | null };

const PROMPT = "Hello! What can you do?";

function curl(urls: AiBaseUrls, models: Models): string {
  if (models.chat === null) {
    return `curl ${urls.openai}/embeddings \\
  -H "Authorization: Bearer $TOLLGATE_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "${models.embeddings}", "input": "${PROMPT}"}'`;
  }
  return `curl ${urls.openai}/chat/completions \\
  -H "Authorization: Bearer $TOLLGATE_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "${models.chat}", "messages": [{"role": "user", "content": "${PROMPT}"}]}'`;
}

function openaiJs(urls: AiBaseUrls, models: Models): string {
  const head = `// quickstart.mjs (npm install openai; node quickstart.mjs)
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "${urls.openai}",
  apiKey: process.env.TOLLGATE_KEY,
});
`;
  if (models.chat === null) {
    return `${head}
const { data } = await client.embeddings.create({ model: "${models.embeddings}", input: "${PROMPT}" });
console.log(data[0].embedding.length, "dimensions");
`;
  }
  return `${head}
const stream = await client.chat.completions.create({
  model: "${models.chat}",
  messages: [{ role: "user", content: "${PROMPT}" }],
  stream: true,
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
}
process.stdout.write("\\n");
`;
}

function openaiPython(urls: AiBaseUrls, models: Models): string {
  const head = `# quickstart.py (pip install openai; python quickstart.py)
import os
from openai import OpenAI

client = OpenAI(base_url="${urls.openai}", api_key=os.environ["TOLLGATE_KEY"])
`;
  if (models.chat === null) {
    return `${head}
response = client.embeddings.create(model="${models.embeddings}", input="${PROMPT}")
print(len(response.data[0].embedding), "dimensions")
`;
  }
  return `${head}
completion = client.chat.completions.create(
    model="${models.chat}",
    messages=[{"role": "user", "content": "${PROMPT}"}],
)
print(completion.choices[0].message.content)
`;
}

function anthropicJs(urls: AiBaseUrls, chat: string): string {
  return `// quickstart-anthropic.mjs (npm install @anthropic-ai/sdk; node quickstart-anthropic.mjs)
import Anthropic from "@anthropic-ai/sdk";

// The SDK adds /v1/messages to the base URL and sends the key as x-api-key.
const client = new Anthropic({
  baseURL: "${urls.anthropic}",
  apiKey: process.env.TOLLGATE_KEY,
});

const message = await client.messages.create({
  model: "${chat}",
  max_tokens: 256,
  messages: [{ role: "user", content: "${PROMPT}" }],
});
console.log(message.content.map((block) => (block.type === "text" ? block.text : "")).join(""));
`;
}

function claudeCode(urls: AiBaseUrls, chat: string): string {
  return `export ANTHROPIC_BASE_URL=${urls.anthropic}
export ANTHROPIC_AUTH_TOKEN=$TOLLGATE_KEY
export ANTHROPIC_MODEL=${chat}
# Claude Code's background tasks use the "haiku" model: point it at this one too.
export ANTHROPIC_DEFAULT_HAIKU_MODEL=${chat}
claude`;
}

/** Every quickstart that fits the API: chat ones when it has a chat model, embeddings otherwise. */
export function quickstartSnippets(origin: string, models: Models): Quickstart[] {
  const urls = aiBaseUrls(origin);
  if (models.chat === null && models.embeddings === null) return [];
  const openai: Quickstart[] = [
    { id: "curl", label: "curl", hint: "Any shell with curl.", code: curl(urls, models) },
    { id: "openai-js", label: "OpenAI SDK · JavaScript", hint: "Node 18 or later.", code: openaiJs(urls, models) },
    { id: "openai-python", label: "OpenAI SDK · Python", hint: "Python 3.8 or later.", code: openaiPython(urls, models) },
  ];
  if (models.chat === null) return openai;
  return [
    ...openai,
    {
      id: "anthropic-js",
      label: "Anthropic SDK",
      hint: "The Messages API, for any model of this API.",
      code: anthropicJs(urls, models.chat),
    },
    {
      id: "claude-code",
      label: "Claude Code",
      hint: "Set these in the shell that starts Claude Code. It needs a model that supports tools.",
      code: claudeCode(urls, models.chat),
    },
  ];
}
