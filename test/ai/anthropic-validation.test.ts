// The Anthropic schemas: requests as the SDK and Claude Code send them, answers and stream events as
// Anthropic documents them, and errors in Anthropic's shape naming the bad field.
import { describe, expect, it } from "vitest";
import { anthropicMessageSchema } from "@/lib/ai/anthropic/message-response";
import { messagesRequestSchema } from "@/lib/ai/anthropic/messages-request";
import { anthropicStreamEventSchema } from "@/lib/ai/anthropic/stream-events";
import { toAnthropicError } from "@/lib/ai/anthropic/to-anthropic-error";
import { anthropicRequest, anthropicToolMessage, anthropicToolStream } from "./payloads";

function errorFor(body: unknown) {
  const result = messagesRequestSchema.safeParse(body);
  if (result.success) throw new Error("expected the body to be refused");
  return toAnthropicError(result.error, body);
}

const request = (changes: Record<string, unknown>) => ({
  model: "claude-sonnet-4-5",
  max_tokens: 256,
  messages: [{ role: "user", content: "Hello" }],
  ...changes,
});

describe("messagesRequestSchema", () => {
  it("accepts the full request, thinking blocks in history, and passes unknown fields through", () => {
    const body = {
      ...anthropicRequest,
      top_k: 40,
      thinking: { type: "enabled", budget_tokens: 2048 },
      messages: [
        ...anthropicRequest.messages,
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "The user wants…", signature: "EqQBCgIYAhIM" },
            { type: "redacted_thinking", data: "EmwKAhgBEgy3" },
          ],
        },
      ],
    };
    expect(messagesRequestSchema.parse(body)).toEqual(body);
    expect(messagesRequestSchema.parse(request({ system: "Be brief.", tool_choice: { type: "none" } })).system).toBe("Be brief.");
  });

  it.each([
    [request({ max_tokens: undefined }), "Missing required parameter: 'max_tokens'."],
    [
      request({ messages: [{ role: "system", content: "x" }] }),
      "Invalid value for 'messages.0.role': expected one of 'user', 'assistant'.",
    ],
    [
      request({ messages: [{ role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "f" }] }] }),
      "Missing required parameter: 'messages.0.content.0.input'.",
    ],
    [
      request({ messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png" } }] }] }),
      "Missing required parameter: 'messages.0.content.0.source.data'.",
    ],
    [request({ tool_choice: { type: "tool" } }), "Missing required parameter: 'tool_choice.name'."],
    [
      request({ tool_choice: { type: "sometimes" } }),
      "Invalid value for 'tool_choice.type': expected one of 'auto', 'any', 'tool', 'none'.",
    ],
    [request({ tools: [{ type: "web_search_20250305", name: "web_search" }] }), "Invalid value for 'tools.0.type': expected 'custom'."],
    [request({ temperature: 1.5 }), "Invalid value for 'temperature': it must be at most 1."],
    [request({ system: [{ type: "text" }] }), "Missing required parameter: 'system.0.text'."],
    [request({ stop_sequences: "END" }), "Invalid type for 'stop_sequences': expected an array, but got a string instead."],
  ])("refuses a bad field in Anthropic's error shape (%#)", (body, message) => {
    expect(errorFor(body)).toEqual({ type: "error", error: { type: "invalid_request_error", message } });
  });
});

describe("answer and stream schemas", () => {
  it("read a message, every documented stream event, and an error event", () => {
    expect(anthropicMessageSchema.parse(anthropicToolMessage)).toEqual(anthropicToolMessage);
    for (const event of anthropicToolStream()) expect(anthropicStreamEventSchema.parse(event)).toEqual(event);
    const overloaded = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
    expect(anthropicStreamEventSchema.parse(overloaded)).toEqual(overloaded);
  });
});
