// Requests in both directions: every field the brief names, and the round trip Anthropic → OpenAI →
// Anthropic keeping the conversation's meaning.
import { describe, expect, it } from "vitest";
import { messagesRequestSchema } from "@/lib/ai/anthropic/messages-request";
import { chatCompletionRequestSchema } from "@/lib/ai/openai/chat-request";
import { anthropicToOpenAIRequest } from "@/lib/ai/translate/anthropic-to-openai-request";
import { openAIToAnthropicRequest } from "@/lib/ai/translate/openai-to-anthropic-request";
import { stripCacheControl } from "@/lib/ai/translate/strip-cache-control";
import { anthropicRequest, openAIRequest } from "./payloads";

describe("anthropicToOpenAIRequest", () => {
  const chat = anthropicToOpenAIRequest(anthropicRequest);

  it("turns system, tool_use and tool_result into system, tool_calls and tool messages", () => {
    expect(chatCompletionRequestSchema.parse(chat)).toEqual(chat);
    expect(chat.messages).toEqual([
      {
        role: "system",
        content: [
          { type: "text", text: "You are a helpful weather assistant." },
          { type: "text", text: "Answer in one short paragraph.", cache_control: { type: "ephemeral" } },
        ],
      },
      { role: "user", content: "What's the weather like in San Francisco?" },
      {
        role: "assistant",
        content: "I'll check the current weather in San Francisco for you.",
        tool_calls: [
          {
            id: "toolu_01A09q90qw90lq917835lq9",
            type: "function",
            function: { name: "get_weather", arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "toolu_01A09q90qw90lq917835lq9", content: "15 degrees, partly cloudy" },
      {
        role: "user",
        content: [
          { type: "text", text: "And here is the sky right now:" },
          { type: "image_url", image_url: { url: expect.stringMatching(/^data:image\/png;base64,iVBOR/) } },
        ],
      },
    ]);
  });

  it("maps tools, tool_choice, stop_sequences, max_tokens, sampling, metadata and streaming", () => {
    expect(chat).toMatchObject({
      model: "claude-sonnet-4-5",
      max_tokens: 1024,
      tools: [{ type: "function", function: { name: "get_weather", description: "Get the current weather in a given location" } }],
      tool_choice: "auto",
      parallel_tool_calls: false,
      stop: ["\n\nHuman:"],
      temperature: 0.7,
      top_p: 0.9,
      user: "user-8f14e45f",
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(chat.tools?.[0].function.parameters).toEqual(anthropicRequest.tools?.[0].input_schema);
    const choice = (tool_choice: NonNullable<typeof anthropicRequest.tool_choice>) =>
      anthropicToOpenAIRequest({ ...anthropicRequest, tool_choice }).tool_choice;
    expect(choice({ type: "any" })).toBe("required");
    expect(choice({ type: "none" })).toBe("none");
    expect(choice({ type: "tool", name: "get_weather" })).toEqual({ type: "function", function: { name: "get_weather" } });
  });

  it("puts a tool result's text in the tool message and its images in the user message after it", () => {
    const image = { type: "image" as const, source: { type: "url" as const, url: "https://example.com/chart.png" } };
    const chatWithImage = anthropicToOpenAIRequest({
      ...anthropicRequest,
      messages: [
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "chart:" }, image] }] },
      ],
    });
    expect(chatWithImage.messages.slice(1)).toEqual([
      { role: "tool", tool_call_id: "toolu_1", content: [{ type: "text", text: "chart:" }] },
      { role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/chart.png" } }] },
    ]);
  });
});

describe("openAIToAnthropicRequest", () => {
  const messages = openAIToAnthropicRequest(openAIRequest, { maxTokens: 800 });

  it("joins system and developer messages, merges tool results into one user turn, converts images", () => {
    expect(messagesRequestSchema.parse(messages)).toEqual(messages);
    expect(messages.system).toBe("You are a helpful assistant.\n\nPrefer metric units.");
    expect(messages.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Compare the weather in these two cities, and describe this photo." },
          {
            type: "image",
            source: { type: "url", url: "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg" },
          },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "call_abc123", name: "get_weather", input: { location: "Boston, MA" } },
          { type: "tool_use", id: "call_def456", name: "get_weather", input: { location: "Paris, France" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_abc123", content: "22 degrees and sunny" },
          { type: "tool_result", tool_use_id: "call_def456", content: [{ type: "text", text: "18 degrees, light rain" }] },
        ],
      },
    ]);
  });

  it("maps tools, tool_choice, stop, the caller's cap, temperature into Anthropic's range, user and stream", () => {
    expect(messages).toMatchObject({
      model: "gpt-4o-mini",
      max_tokens: 800,
      tools: [{ name: "get_weather", description: "Get the current weather in a given location" }],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      stop_sequences: ["END"],
      temperature: 1,
      metadata: { user_id: "user-1234" },
      stream: true,
    });
    const choice = (tool_choice: NonNullable<typeof openAIRequest.tool_choice>) =>
      openAIToAnthropicRequest({ ...openAIRequest, tool_choice, parallel_tool_calls: undefined }, { maxTokens: 1 }).tool_choice;
    expect(choice("auto")).toEqual({ type: "auto" });
    expect(choice("none")).toEqual({ type: "none" });
    expect(choice({ type: "function", function: { name: "get_weather" } })).toEqual({ type: "tool", name: "get_weather" });
  });

  it("turns a data: URL into a base64 image source", () => {
    const request = openAIToAnthropicRequest(
      {
        model: "m",
        messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/4AAQSkZJRg==" } }] }],
      },
      { maxTokens: 16 },
    );
    expect(request.messages[0].content).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/4AAQSkZJRg==" } },
    ]);
  });

  it("asks for JSON in the system prompt, since Anthropic has no response_format", () => {
    const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
    const base = { model: "m", messages: [{ role: "user" as const, content: "Name a city." }] };
    const jsonObject = openAIToAnthropicRequest({ ...base, response_format: { type: "json_object" } }, { maxTokens: 16 });
    expect(jsonObject.system).toMatch(/one valid JSON object/);
    const jsonSchema = openAIToAnthropicRequest(
      {
        ...base,
        messages: [{ role: "system", content: "Be brief." }, ...base.messages],
        response_format: { type: "json_schema", json_schema: { name: "city", schema } },
      },
      { maxTokens: 16 },
    );
    expect(jsonSchema.system).toMatch(/^Be brief\.\n\nAnswer with one valid JSON value/);
    expect(jsonSchema.system).toContain(JSON.stringify(schema));
  });

  it("gives broken tool-call arguments an empty input instead of failing", () => {
    const request = openAIToAnthropicRequest(
      {
        model: "m",
        messages: [
          { role: "user", content: "hi" },
          { role: "assistant", content: "", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: '{"a": ' } }] },
        ],
      },
      { maxTokens: 16 },
    );
    expect(request.messages[1].content).toEqual([{ type: "tool_use", id: "c1", name: "f", input: {} }]);
  });
});

describe("round trip Anthropic → OpenAI → Anthropic", () => {
  it("keeps the conversation, tools, choice, stops, sampling and cache marks", () => {
    const { top_k: _dropped, ...request } = { ...anthropicRequest, top_k: 40 };
    const back = openAIToAnthropicRequest(anthropicToOpenAIRequest(request), { maxTokens: request.max_tokens });
    expect(back).toEqual(request);
  });

  it("keeps a plain system prompt plain and a multi-block assistant turn's meaning", () => {
    const request = {
      model: "claude-haiku-4-5",
      max_tokens: 64,
      system: "Be terse.",
      messages: [
        { role: "user" as const, content: [{ type: "text" as const, text: "Hi" }] },
        {
          role: "assistant" as const,
          content: [
            { type: "thinking" as const, thinking: "greet back", signature: "sig" },
            { type: "text" as const, text: "Hello!" },
          ],
        },
      ],
    };
    const back = openAIToAnthropicRequest(anthropicToOpenAIRequest(request), { maxTokens: 64 });
    expect(back).toEqual({ ...request, messages: [request.messages[0], { role: "assistant", content: "Hello!" }] });
  });
});

describe("stripCacheControl", () => {
  it("removes cache marks from messages and parts and leaves the rest", () => {
    const chat = anthropicToOpenAIRequest({
      ...anthropicRequest,
      messages: [
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: "ok", cache_control: { type: "ephemeral" } }] },
      ],
    });
    expect(JSON.stringify(chat)).toContain("cache_control");
    const stripped = stripCacheControl(chat);
    expect(JSON.stringify(stripped)).not.toContain("cache_control");
    expect(stripped.messages[0].content).toEqual([
      { type: "text", text: "You are a helpful weather assistant." },
      { type: "text", text: "Answer in one short paragraph." },
    ]);
  });
});
