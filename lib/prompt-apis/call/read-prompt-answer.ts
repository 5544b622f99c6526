// A Prompt API answer read whole: the completion in the canonical format (an Anthropic provider's
// translated), its usage (the provider's, or Tollgate's own count), the output (text, or the JSON
// the output schema asks for, validated), then the settle and `{output, model, usage}`. An answer
// that does not validate settles at zero: 502 `invalid_model_output`, not charged.
import { chatCompletionSchema } from "@/lib/ai/openai/chat-response";
import { anthropicMessageSchema } from "@/lib/ai/anthropic/message-response";
import { anthropicToOpenAIResponse } from "@/lib/ai/translate/responses";
import { usageFromOpenAI } from "@/lib/ai/translate/usage";
import { countChatOutputTokens } from "@/lib/ai/tokens";
import type { TokenUsage } from "@/lib/ai/types";
import type { AiCall } from "@/lib/ai/gateway/admit-ai-call";
import type { ProviderAnswer } from "@/lib/ai/gateway/call-provider";
import { finishAiCall, type AiCallTiming } from "@/lib/ai/gateway/finish-ai-call";
import { aiAnswerHeaders, type AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import { problemResponse } from "@/lib/http/problem";
import { parseOutput } from "@/lib/prompt-apis/output-schema";
import { doneEvent, sseEvent } from "@/lib/prompt-apis/call/prompt-stream-encoder";

type AnswerRead = {
  aiCall: AiCall;
  answer: ProviderAnswer;
  timing: AiCallTiming;
  context: AiRequestContext;
  bytesIn: number;
  estimatedInputTokens: number;
  schema: Record<string, unknown> | null;
  /** the caller asked for SSE: a structured answer goes out as one `output` event, then `done` */
  wantsStream: boolean;
  version: number | null;
};

export async function readPromptAnswer(read: AnswerRead): Promise<Response> {
  const { aiCall, answer, timing, context, bytesIn, estimatedInputTokens, schema } = read;
  const publicId = aiCall.model.publicId;
  const raw: unknown = await answer.body.json();
  const completion =
    answer.deployment.provider.kind === "ANTHROPIC"
      ? anthropicToOpenAIResponse(anthropicMessageSchema.parse(raw), { model: publicId })
      : chatCompletionSchema.parse(raw);
  const message = completion.choices[0]?.message;
  const text = message?.content ?? "";
  const usage: TokenUsage = completion.usage
    ? usageFromOpenAI(completion.usage)
    : { inputTokens: estimatedInputTokens, cachedInputTokens: 0, outputTokens: message ? countChatOutputTokens(message) : 0 };
  const source = completion.usage ? "PROVIDER" : "COUNTED";

  let output: unknown = text;
  if (schema) {
    const parsed = parseOutput(schema, text);
    if (!parsed.ok) {
      await finishAiCall(aiCall, timing, { status: 502, errorCode: "invalid_model_output", usage: null, source, bytesIn, bytesOut: 0 });
      const detail = `The model's answer could not be used: ${parsed.problem}. You were not charged; try again, or tell the API's provider.`;
      return problemResponse("invalid_model_output", detail, aiCall.requestId, { headers: aiCall.rateLimitHeaders });
    }
    output = parsed.value;
  }

  const result = { output, model: publicId, usage };
  const payload = read.wantsStream ? null : JSON.stringify(result);
  const charge = await finishAiCall(aiCall, timing, {
    status: 200,
    usage,
    source,
    bytesIn,
    bytesOut: payload ? Buffer.byteLength(payload) : Buffer.byteLength(JSON.stringify(output)),
  });
  const headers = aiAnswerHeaders(aiCall, context, charge, payload ? "application/json" : "text/event-stream; charset=utf-8");
  if (read.version !== null) headers.push(["x-prompt-version", String(read.version)]);
  if (payload) return new Response(payload, { status: 200, headers });
  const events = [sseEvent("output", { output }), doneEvent(publicId, usage, charge)];
  return new Response(Buffer.concat(events), { status: 200, headers });
}
