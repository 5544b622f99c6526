// The in-place check of a provider's non-streamed answer (read-chat-completion.ts) gives the same
// verdict as chatCompletionSchema on every answer: well-formed ones in each dialect, and every field
// the schema checks made missing, null or of a wrong kind, one at a time.
import { describe, expect, it } from "vitest";
import { chatCompletionSchema } from "@/lib/ai/openai/chat-response";
import { isChatCompletion } from "@/lib/ai/openai/read-chat-completion";

const complete = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-4o-mini",
  system_fingerprint: "fp_1",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: null,
        refusal: null,
        tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' }, extra: 1 }],
        annotations: [],
      },
      finish_reason: "tool_calls",
      logprobs: null,
    },
  ],
  usage: {
    prompt_tokens: 12,
    completion_tokens: 7,
    total_tokens: 19,
    prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 2 },
  },
};

type Path = (string | number)[];

/** Every path into `value` (objects and arrays), the root excluded. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== "object" || value === null) return [];
  const keys = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...paths((value as Record<string | number, unknown>)[key], [...prefix, key])]);
}

/** A deep copy of `value` with the field at `path` set to `replacement` (undefined: removed). */
function withField(value: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const REPLACEMENTS: unknown[] = [undefined, null, "text", "", 0, -1, 1.5, 2 ** 60, true, {}, [], [{}]];

const sameVerdict = (value: unknown) =>
  expect(isChatCompletion(value), JSON.stringify(value)).toBe(chatCompletionSchema.safeParse(value).success);

describe("isChatCompletion", () => {
  it("accepts what the schema accepts: a full answer, a plain text one, one without usage, a dialect's extra fields", () => {
    const plain = {
      id: "x",
      object: "chat.completion",
      created: 1,
      model: "m",
      choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "eos_token" }],
    };
    for (const answer of [
      complete,
      plain,
      { ...plain, usage: null },
      { ...plain, choices: [] },
      { ...complete, usage: { prompt_tokens: 1, completion_tokens: 0 } },
    ]) {
      expect(isChatCompletion(answer)).toBe(true);
      sameVerdict(answer);
    }
  });

  it("gives the schema's verdict when any one field is missing, null or of another kind", () => {
    let refused = 0;
    for (const path of paths(complete)) {
      for (const replacement of REPLACEMENTS) {
        const changed = withField(complete, path, replacement);
        sameVerdict(changed);
        if (!chatCompletionSchema.safeParse(changed).success) refused++;
      }
    }
    expect(refused).toBeGreaterThan(100); // the cases reach the checks, not only the loose fields
  });

  it("refuses what is not an object with choices: null, text, an array, an error body", () => {
    for (const value of [
      null,
      undefined,
      "chat.completion",
      [],
      [complete],
      { error: { message: "overloaded" } },
      { ...complete, object: "chat.completion.chunk" },
    ]) {
      expect(isChatCompletion(value)).toBe(false);
      sameVerdict(value);
    }
  });
});
