// Whole answers both ways, every stop reason, and usage to and from the canonical TokenUsage.
import { describe, expect, it } from "vitest";
import { anthropicMessageSchema } from "@/lib/ai/anthropic/message-response";
import { chatCompletionSchema, type ChatCompletion } from "@/lib/ai/openai/chat-response";
import { anthropicToOpenAIResponse, openAIToAnthropicResponse } from "@/lib/ai/translate/responses";
import { toFinishReason, toStopReason } from "@/lib/ai/translate/stop-reasons";
import { toAnthropicUsage, toOpenAIUsage, usageFromAnthropic, usageFromOpenAI } from "@/lib/ai/translate/usage";
import { anthropicToolMessage, FINISH_TO_STOP, STOP_TO_FINISH } from "./payloads";

const completion: ChatCompletion = {
  id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
  object: "chat.completion",
  created: 1_741_570_283,
  model: "gpt-4o-2024-08-06",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_abc123", type: "function", function: { name: "get_weather", arguments: '{"location":"Boston, MA"}' } }],
        refusal: null,
      },
      logprobs: null,
      finish_reason: "tool_calls",
    },
  ],
  usage: {
    prompt_tokens: 1117,
    completion_tokens: 46,
    total_tokens: 1163,
    prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 30, audio_tokens: 0 },
  },
  system_fingerprint: "fp_fc9f1d7035",
};

describe("stop reasons", () => {
  it("map Anthropic's to OpenAI's", () => {
    expect(
      ["end_turn", "stop_sequence", "max_tokens", "tool_use", "pause_turn", "refusal", null, "something_new"].map(toFinishReason),
    ).toEqual(["stop", "stop", "length", "tool_calls", "stop", "content_filter", "stop", "stop"]);
  });

  it("map OpenAI's back, and survive names that are Object members", () => {
    expect(["stop", "length", "tool_calls", "function_call", "content_filter", null, "constructor"].map(toStopReason)).toEqual([
      "end_turn",
      "max_tokens",
      "tool_use",
      "tool_use",
      "refusal",
      "end_turn",
      "end_turn",
    ]);
  });
});

describe("usage", () => {
  it("counts Anthropic cache writes and reads as input, reads as cached", () => {
    expect(usageFromAnthropic(anthropicToolMessage.usage)).toEqual({
      inputTokens: 2095 + 2051 + 4000,
      cachedInputTokens: 4000,
      outputTokens: 503,
    });
    expect(usageFromAnthropic({ input_tokens: 12, output_tokens: 3, cache_creation_input_tokens: null })).toEqual({
      inputTokens: 12,
      cachedInputTokens: 0,
      outputTokens: 3,
    });
  });

  it("reads OpenAI's cached tokens inside prompt_tokens and reasoning inside completion_tokens", () => {
    expect(usageFromOpenAI(completion.usage!)).toEqual({ inputTokens: 1117, cachedInputTokens: 1024, outputTokens: 46 });
    expect(usageFromOpenAI({ prompt_tokens: 9, completion_tokens: 1 })).toEqual({ inputTokens: 9, cachedInputTokens: 0, outputTokens: 1 });
  });

  it("writes both providers' objects from canonical usage, and reads them back unchanged", () => {
    const usage = { inputTokens: 5000, cachedInputTokens: 4000, outputTokens: 120 };
    expect(toOpenAIUsage(usage)).toEqual({
      prompt_tokens: 5000,
      completion_tokens: 120,
      total_tokens: 5120,
      prompt_tokens_details: { cached_tokens: 4000 },
    });
    expect(toAnthropicUsage(usage)).toEqual({
      input_tokens: 1000,
      output_tokens: 120,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 4000,
    });
    expect(usageFromOpenAI(toOpenAIUsage(usage))).toEqual(usage);
    expect(usageFromAnthropic(toAnthropicUsage(usage))).toEqual(usage);
  });
});

describe("anthropicToOpenAIResponse", () => {
  it("makes a chat.completion with text, tool calls, finish_reason and canonical usage", () => {
    const chat = anthropicToOpenAIResponse(anthropicToolMessage, { model: "claude-sonnet-4-5", created: 1_700_000_000 });
    expect(chatCompletionSchema.parse(chat)).toEqual(chat);
    expect(chat).toEqual({
      id: "msg_01Aq9w938a90dw8q",
      object: "chat.completion",
      created: 1_700_000_000,
      model: "claude-sonnet-4-5",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "I'll look that up.",
            tool_calls: [
              {
                id: "toolu_01A09q90qw90lq917835lq9",
                type: "function",
                function: { name: "get_weather", arguments: '{"location":"San Francisco, CA"}' },
              },
            ],
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 8146, completion_tokens: 503, total_tokens: 8649, prompt_tokens_details: { cached_tokens: 4000 } },
    });
  });

  it("maps every stop reason", () => {
    for (const [stop_reason, finish] of STOP_TO_FINISH) {
      const chat = anthropicToOpenAIResponse({ ...anthropicToolMessage, stop_reason }, { model: "m" });
      expect(chat.choices[0].finish_reason).toBe(finish);
    }
  });
});

describe("openAIToAnthropicResponse", () => {
  it("makes a message with tool_use blocks, stop_reason and usage", () => {
    const message = openAIToAnthropicResponse(completion, { model: "gpt-4o" });
    expect(anthropicMessageSchema.parse(message)).toEqual(message);
    expect(message).toEqual({
      id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
      type: "message",
      role: "assistant",
      model: "gpt-4o",
      content: [{ type: "tool_use", id: "call_abc123", name: "get_weather", input: { location: "Boston, MA" } }],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 93, output_tokens: 46, cache_creation_input_tokens: 0, cache_read_input_tokens: 1024 },
    });
  });

  it("maps every finish reason and takes the gateway's count when the provider sent no usage", () => {
    const answer = (finish_reason: string) => ({
      ...completion,
      usage: undefined,
      choices: [{ index: 0, message: { role: "assistant" as const, content: "Hello" }, finish_reason }],
    });
    for (const [reason, stop] of FINISH_TO_STOP) expect(openAIToAnthropicResponse(answer(reason), { model: "m" }).stop_reason).toBe(stop);
    const counted = openAIToAnthropicResponse(answer("stop"), {
      model: "m",
      usage: { inputTokens: 10, cachedInputTokens: 0, outputTokens: 2 },
    });
    expect(counted.content).toEqual([{ type: "text", text: "Hello" }]);
    expect(counted.usage).toMatchObject({ input_tokens: 10, output_tokens: 2 });
    expect(openAIToAnthropicResponse(answer("stop"), { model: "m" }).usage).toMatchObject({ input_tokens: 0, output_tokens: 0 });
  });

  it("round-trips an Anthropic answer through OpenAI's form", () => {
    const back = openAIToAnthropicResponse(anthropicToOpenAIResponse(anthropicToolMessage, { model: "m" }), {
      model: anthropicToolMessage.model,
    });
    expect(back).toEqual({ ...anthropicToolMessage, usage: toAnthropicUsage(usageFromAnthropic(anthropicToolMessage.usage)) });
  });
});
