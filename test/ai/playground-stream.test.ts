// How the playground page reads the gateway's stream: text in order however the bytes are cut, the
// finish reason, the usage with the `tollgate` cost member, an error event mid-stream, and [DONE].
import { describe, expect, it } from "vitest";
import { readPlaygroundStream, type PlaygroundEvent } from "@/lib/ai/playground/read-playground-stream";

const chunk = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
const STREAM = [
  chunk({ choices: [{ index: 0, delta: { role: "assistant", content: "" } }] }),
  chunk({ choices: [{ index: 0, delta: { content: "Héllo, " } }] }),
  chunk({ choices: [{ index: 0, delta: { content: "toll 🚧 gate" } }] }),
  chunk({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
  ": keep-alive\n\n",
  chunk({
    choices: [],
    usage: { prompt_tokens: 40, completion_tokens: 7, total_tokens: 47, prompt_tokens_details: { cached_tokens: 12 } },
    tollgate: { charged: "0.000170", balance: "9.999830" },
  }),
  "data: [DONE]\n\n",
].join("");

function streamOf(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + size));
      offset += size;
    },
  });
}

async function read(stream: ReadableStream<Uint8Array>): Promise<PlaygroundEvent[]> {
  const events: PlaygroundEvent[] = [];
  for await (const event of readPlaygroundStream(stream)) events.push(event);
  return events;
}

describe("readPlaygroundStream", () => {
  it("reads text, the finish reason, the usage with its cost and the end, whatever the chunking", async () => {
    const bytes = new TextEncoder().encode(STREAM);
    const expected: PlaygroundEvent[] = [
      { type: "text", text: "Héllo, " },
      { type: "text", text: "toll 🚧 gate" },
      { type: "finish", reason: "stop" },
      { type: "usage", usage: { inputTokens: 40, cachedInputTokens: 12, outputTokens: 7 }, charged: "0.000170", balance: "9.999830" },
      { type: "done" },
    ];
    for (const size of [1, 3, 7, 64, bytes.length]) expect(await read(streamOf(bytes, size))).toEqual(expected);
  });

  it("reports an error event mid-stream, and a stream that ends without usage or [DONE]", async () => {
    const broken = [
      chunk({ choices: [{ index: 0, delta: { content: "Part" } }] }),
      chunk({ error: { message: "The provider broke off the answer.", type: "api_error", code: "response_interrupted", param: null } }),
    ].join("");
    expect(await read(streamOf(new TextEncoder().encode(broken), 5))).toEqual([
      { type: "text", text: "Part" },
      { type: "error", message: "The provider broke off the answer.", code: "response_interrupted" },
    ]);
  });
});
