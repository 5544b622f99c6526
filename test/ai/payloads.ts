// Realistic payloads in the two providers' documented formats (written from their API references),
// shared by the translation, stream and validation tests.
import type { AnthropicMessageResponse } from "@/lib/ai/anthropic/message-response";
import type { MessagesRequest } from "@/lib/ai/anthropic/messages-request";
import type { AnthropicStreamEvent } from "@/lib/ai/anthropic/stream-events";
import type { ChatCompletionRequest } from "@/lib/ai/openai/chat-request";
import type { ChatCompletionChunk } from "@/lib/ai/openai/chat-response";

const weatherSchema = {
  type: "object",
  properties: {
    location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
    unit: { type: "string", enum: ["celsius", "fahrenheit"] },
  },
  required: ["location"],
};

/** A Claude Code-like turn: cached system blocks, a tool round trip with a screenshot, a follow-up. */
export const anthropicRequest: MessagesRequest = {
  model: "claude-sonnet-4-5",
  max_tokens: 1024,
  system: [
    { type: "text", text: "You are a helpful weather assistant." },
    { type: "text", text: "Answer in one short paragraph.", cache_control: { type: "ephemeral" } },
  ],
  messages: [
    { role: "user", content: "What's the weather like in San Francisco?" },
    {
      role: "assistant",
      content: [
        { type: "text", text: "I'll check the current weather in San Francisco for you." },
        {
          type: "tool_use",
          id: "toolu_01A09q90qw90lq917835lq9",
          name: "get_weather",
          input: { location: "San Francisco, CA", unit: "celsius" },
        },
      ],
    },
    {
      role: "user",
      content: [
        { type: "tool_result", tool_use_id: "toolu_01A09q90qw90lq917835lq9", content: "15 degrees, partly cloudy" },
        { type: "text", text: "And here is the sky right now:" },
        {
          type: "image",
          source: {
            type: "base64",
            media_type: "image/png",
            data: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
          },
        },
      ],
    },
  ],
  tools: [{ name: "get_weather", description: "Get the current weather in a given location", input_schema: weatherSchema }],
  tool_choice: { type: "auto", disable_parallel_tool_use: true },
  stop_sequences: ["\n\nHuman:"],
  temperature: 0.7,
  top_p: 0.9,
  stream: true,
  metadata: { user_id: "user-8f14e45f" },
};

/** An OpenAI SDK-like request: system and developer prompts, image by URL, two parallel tool calls. */
export const openAIRequest: ChatCompletionRequest = {
  model: "gpt-4o-mini",
  messages: [
    { role: "system", content: "You are a helpful assistant." },
    { role: "developer", content: "Prefer metric units." },
    {
      role: "user",
      content: [
        { type: "text", text: "Compare the weather in these two cities, and describe this photo." },
        {
          type: "image_url",
          image_url: { url: "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg", detail: "low" },
        },
      ],
    },
    {
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "call_abc123", type: "function", function: { name: "get_weather", arguments: '{"location":"Boston, MA"}' } },
        { id: "call_def456", type: "function", function: { name: "get_weather", arguments: '{"location":"Paris, France"}' } },
      ],
    },
    { role: "tool", tool_call_id: "call_abc123", content: "22 degrees and sunny" },
    { role: "tool", tool_call_id: "call_def456", content: [{ type: "text", text: "18 degrees, light rain" }] },
  ],
  tools: [
    {
      type: "function",
      function: { name: "get_weather", description: "Get the current weather in a given location", parameters: weatherSchema },
    },
  ],
  tool_choice: "required",
  parallel_tool_calls: false,
  stop: "END",
  temperature: 1.4,
  max_completion_tokens: 800,
  user: "user-1234",
  stream: true,
  stream_options: { include_usage: true },
};

/** The event stream Anthropic documents for a streamed tool call, the arguments cut into small fragments. */
export function anthropicToolStream(): AnthropicStreamEvent[] {
  const fragments = ['{"locat', 'ion": "San', " Francisc", 'o, CA", ', '"unit": "', 'celsius"}'];
  return [
    {
      type: "message_start",
      message: {
        id: "msg_014p7gG3wDgGV9EUtLvnow3U",
        type: "message",
        role: "assistant",
        model: "claude-sonnet-4-5-20250929",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 472, output_tokens: 2, cache_creation_input_tokens: 100, cache_read_input_tokens: 2048 },
      },
    },
    { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    { type: "ping" },
    { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Okay, let's check" } },
    { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: " the weather for San Francisco, CA:" } },
    { type: "content_block_stop", index: 0 },
    {
      type: "content_block_start",
      index: 1,
      content_block: { type: "tool_use", id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather", input: {} },
    },
    { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: "" } },
    ...fragments.map((partial_json): AnthropicStreamEvent => ({
      type: "content_block_delta",
      index: 1,
      delta: { type: "input_json_delta", partial_json },
    })),
    { type: "content_block_stop", index: 1 },
    { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 89 } },
    { type: "message_stop" },
  ];
}

/** What OpenAI streams for two parallel tool calls with include_usage, arguments a few characters at a time. */
export function openAIToolStream(): ChatCompletionChunk[] {
  const base = { id: "chatcmpl-9x1Y2z", object: "chat.completion.chunk" as const, created: 1_727_000_000, model: "gpt-4o-mini-2024-07-18" };
  const chunk = (delta: ChatCompletionChunk["choices"][number]["delta"], finish_reason: string | null = null): ChatCompletionChunk => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason }],
    usage: null,
  });
  const argumentsOf = (index: number, text: string) =>
    (text.match(/.{1,4}/g) ?? []).map((piece) => chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  return [
    chunk({ role: "assistant", content: null, refusal: null }),
    chunk({ tool_calls: [{ index: 0, id: "call_abc123", type: "function", function: { name: "get_weather", arguments: "" } }] }),
    ...argumentsOf(0, '{"location": "Boston, MA"}'),
    chunk({ tool_calls: [{ index: 1, id: "call_def456", type: "function", function: { name: "get_weather", arguments: "" } }] }),
    ...argumentsOf(1, '{"location": "Paris, France", "unit": "celsius"}'),
    chunk({}, "tool_calls"),
    {
      ...base,
      choices: [],
      usage: {
        prompt_tokens: 1117,
        completion_tokens: 46,
        total_tokens: 1163,
        prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
    },
  ];
}

/** A non-streamed Anthropic answer calling a tool. */
export const anthropicToolMessage: AnthropicMessageResponse = {
  id: "msg_01Aq9w938a90dw8q",
  type: "message",
  role: "assistant",
  model: "claude-sonnet-4-5-20250929",
  content: [
    { type: "text", text: "I'll look that up." },
    { type: "tool_use", id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", input: { location: "San Francisco, CA" } },
  ],
  stop_reason: "tool_use",
  stop_sequence: null,
  usage: { input_tokens: 2095, output_tokens: 503, cache_creation_input_tokens: 2051, cache_read_input_tokens: 4000 },
};

/** Each documented Anthropic stop reason and the finish_reason it becomes. */
export const STOP_TO_FINISH = [
  ["end_turn", "stop"],
  ["stop_sequence", "stop"],
  ["max_tokens", "length"],
  ["tool_use", "tool_calls"],
] as const;

/** Each documented OpenAI finish reason and the stop_reason it becomes. */
export const FINISH_TO_STOP = [
  ["stop", "end_turn"],
  ["length", "max_tokens"],
  ["tool_calls", "tool_use"],
  ["content_filter", "refusal"],
] as const;
