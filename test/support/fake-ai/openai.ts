// The fake provider's OpenAI half: POST /v1/chat/completions (streamed or not), POST /v1/embeddings and
// GET /v1/models, in OpenAI's documented shapes (built by the demo provider's wire module).
import type http from "node:http";
import { estimateChatInputTokens } from "@/lib/ai/tokens";
import type { TokenUsage } from "@/lib/ai/types";
import { planAnswer, type PlannedAnswer } from "@/lib/demo/ai-answer";
import { DEFAULT_EMBEDDING_DIMENSIONS, embeddingsBody } from "@/lib/demo/ai-embeddings";
import { chatChunkBodies, chatCompletionBody, openAiError } from "@/lib/demo/ai-openai-wire";
import { answerRequestOf, chosenTool, demoChatRequestSchema, demoEmbeddingsRequestSchema, requestedMaxTokens } from "@/lib/demo/ai-request";
import type { FakeBehaviour } from "./behaviour";
import { FAKE_CREATED, FAKE_DEFAULT_MAX_TOKENS, FAKE_MODELS } from "./constants";
import { sendAnswer, sendJson, sendStream, type Exchange } from "./exchange";

export function openAiFail(res: http.ServerResponse, status: number, message: string, type: string, code: string | null = null) {
  sendJson(res, status, openAiError(message, type, code), status === 429 ? { "retry-after": "1" } : {});
}

/** `error-before:S` with the type and code OpenAI uses for that status. */
export function openAiFailBefore(res: http.ServerResponse, status: number) {
  if (status === 429) return openAiFail(res, 429, "Rate limit reached for requests (fake provider).", "requests", "rate_limit_exceeded");
  if (status >= 500)
    return openAiFail(res, status, "The server had an error while processing your request (fake provider).", "server_error");
  openAiFail(res, status, `The fake provider was told to answer ${status}.`, "invalid_request_error");
}

export type FakeChatPlan = { answer: PlannedAnswer; usage: TokenUsage; stream: boolean; includeUsage: boolean };

/**
 * The whole answer the fake gives to a Chat Completions body and its usage: input is
 * estimateChatInputTokens of the body, `cached:N` of it cached, output the answer's tokens.
 */
export function planOpenAiChat(body: unknown, behaviour: FakeBehaviour): FakeChatPlan | Error {
  const parsed = demoChatRequestSchema.safeParse(body);
  if (!parsed.success) return new Error(`${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}`);
  const request = parsed.data;
  const tool = behaviour.toolCall ? chosenTool(request) : null;
  if (behaviour.toolCall && !tool) return new Error("the tool-call behaviour needs at least one tool in the request");
  const answer = planAnswer(answerRequestOf(request, tool, requestedMaxTokens(request, FAKE_DEFAULT_MAX_TOKENS)));
  const inputTokens = estimateChatInputTokens(request);
  const usage = { inputTokens, cachedInputTokens: Math.min(behaviour.cachedTokens, inputTokens), outputTokens: answer.outputTokens };
  return { answer, usage, stream: request.stream === true, includeUsage: request.stream_options?.include_usage === true };
}

export async function openAiChat(exchange: Exchange, id: string) {
  const { record, behaviour } = exchange;
  const plan = planOpenAiChat(record.json, behaviour);
  if (plan instanceof Error) return openAiFail(exchange.res, 400, plan.message, "invalid_request_error", "invalid_value");
  Object.assign(record, { planned: plan.usage, answer: plan.answer });
  const { answer } = plan;
  const meta = { id, model: String((record.json as { model: string }).model), created: FAKE_CREATED };
  const reported = behaviour.omitUsage ? null : plan.usage;
  const delivered = answer.toolCall?.arguments ?? answer.text;
  if (!plan.stream) return sendAnswer(exchange, chatCompletionBody(meta, answer, reported), delivered, reported);

  const chunks = chatChunkBodies(meta, answer, plan.includeUsage ? reported : null, behaviour.chunkSize);
  const events = chunks.map(({ body, delivered, usage }) => ({ text: `data: ${JSON.stringify(body)}\n\n`, delivered, usage }));
  const error = openAiError("The server had an error while processing your request (fake provider, mid-stream).", "server_error");
  await sendStream(exchange, [...events, { text: "data: [DONE]\n\n" }], `data: ${JSON.stringify(error)}\n\n`);
}

export function openAiEmbeddings(exchange: Exchange) {
  const { record, behaviour } = exchange;
  const parsed = demoEmbeddingsRequestSchema.safeParse(record.json);
  if (!parsed.success) return openAiFail(exchange.res, 400, parsed.error.issues[0]!.message, "invalid_request_error", "invalid_value");
  const { model, input, dimensions, encoding_format } = parsed.data;
  const body = embeddingsBody(model, input, dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS, encoding_format ?? "float");
  const usage = { inputTokens: body.usage.prompt_tokens, cachedInputTokens: 0, outputTokens: 0 };
  record.planned = usage;
  if (behaviour.omitUsage) return sendAnswer(exchange, { ...body, usage: undefined }, "", null);
  return sendAnswer(exchange, body, "", usage);
}

export function openAiModels({ res }: Exchange) {
  sendJson(res, 200, {
    object: "list",
    data: FAKE_MODELS.map((id) => ({ id, object: "model", created: FAKE_CREATED, owned_by: "fake-provider" })),
  });
}
