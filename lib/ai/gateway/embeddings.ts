// POST /api/ai/v1/embeddings: reserve the input at the model's input price, embed, settle from the
// provider's usage (or our count). Embeddings are served by OpenAI-compatible providers only.
import { embeddingsRequestSchema, embeddingsResponseSchema } from "@/lib/ai/openai/embeddings";
import { estimateEmbeddingInputTokens } from "@/lib/ai/tokens";
import { admitAiCall } from "@/lib/ai/gateway/admit-ai-call";
import { callProvider } from "@/lib/ai/gateway/call-provider";
import { finishAiCall, type AiCallTiming } from "@/lib/ai/gateway/finish-ai-call";
import { providerFailureError } from "@/lib/ai/gateway/provider-failure";
import { readAiBody } from "@/lib/ai/gateway/read-ai-body";
import { aiAnswerHeaders, type AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import { AiError } from "@/lib/ai/gateway/ai-error";
import type { IncomingCall, PlainAnswer } from "@/lib/gateway/gateway-answer";

export async function handleEmbeddings(incoming: IncomingCall, context: AiRequestContext): Promise<PlainAnswer> {
  const { body, bytes } = await readAiBody(incoming, embeddingsRequestSchema);
  const estimatedInputTokens = estimateEmbeddingInputTokens(body.input);
  const timing: AiCallTiming = { method: "POST", path: "/embeddings", startedAt: context.startedAt, receivedAt: context.receivedAt };
  const call = await admitAiCall(context.key, context.requestId, {
    model: body.model,
    kind: "EMBEDDINGS",
    estimatedInputTokens,
    ...timing,
  });
  const openAiDeployments = {
    ...call.model,
    deployments: call.model.deployments.filter((deployment) => deployment.provider.kind === "OPENAI"),
  };
  const answer = await callProvider(
    openAiDeployments,
    (deployment) => ({ path: "/embeddings", body: { ...body, model: deployment.providerModel } }),
    context.signal,
  );
  if (!answer.ok) {
    const error = providerFailureError(answer, call.model.publicId);
    await finishAiCall(call, timing, {
      status: error.status,
      errorCode: error.code,
      usage: null,
      source: "COUNTED",
      bytesIn: bytes,
      bytesOut: 0,
    });
    throw error;
  }
  const parsed = embeddingsResponseSchema.safeParse(await answer.body.json());
  if (!parsed.success) {
    await finishAiCall(call, timing, {
      status: 502,
      errorCode: "upstream_unavailable",
      usage: null,
      source: "COUNTED",
      bytesIn: bytes,
      bytesOut: 0,
    });
    throw new AiError(
      "upstream_unavailable",
      `The provider of "${call.model.publicId}" sent an answer that is not an embeddings list. Nothing was charged.`,
    );
  }
  const inputTokens = parsed.data.usage?.prompt_tokens ?? estimatedInputTokens;
  const source = parsed.data.usage ? "PROVIDER" : "COUNTED";
  const text = Buffer.from(JSON.stringify({ ...parsed.data, model: call.model.publicId }));
  const usage = { inputTokens, cachedInputTokens: 0, outputTokens: 0 };
  const charge = await finishAiCall(call, timing, { status: 200, usage, source, bytesIn: bytes, bytesOut: text.byteLength });
  return { status: 200, headers: aiAnswerHeaders(call, context, charge, "application/json"), body: text };
}
