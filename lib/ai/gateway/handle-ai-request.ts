// The AI gateway, independent of Next.js like the REST gateway: a web Request in, a web Response
// out. Routes /api/ai/v1/… (chat/completions, embeddings, models, messages) to its handler after authenticating the key; every refusal is an error in
// the caller's SDK's own shape (OpenAI's everywhere, Anthropic's on /messages).
import { newRequestId } from "@/lib/http/request-id";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { SERVICE_UNAVAILABLE_HEADERS, serviceUnavailable } from "@/lib/errors";
import type { ResolvedKey } from "@/lib/gateway/key-cache";
import type { WireFormat } from "@/lib/ai/types";
import { AiError, aiErrorResponse } from "@/lib/ai/gateway/ai-error";
import { authenticateAiCaller } from "@/lib/ai/gateway/admit-ai-call";
import { handleChatCompletions } from "@/lib/ai/gateway/chat-completions";
import { handleEmbeddings } from "@/lib/ai/gateway/embeddings";
import { handleMessages } from "@/lib/ai/gateway/messages";
import { handleGetModel, handleListModels } from "@/lib/ai/gateway/list-models";
import type { AiRequestContext } from "@/lib/ai/gateway/ai-request-context";
import { TRACE_ATTRIBUTES, endCallSpanUnlessTaken, noteProblemCode, runWithSpan, startCallSpan, tracingOn } from "@/lib/tracing/spans";
import { forRequest, moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("ai");

export const AI_PATH_PREFIX = "/api/ai/v1";

type Route = (request: Request, context: AiRequestContext, rest: string) => Promise<Response>;

function routeFor(method: string, path: string): { route: Route; format: WireFormat } | null {
  if (method === "POST" && path === "/chat/completions") return { route: handleChatCompletions, format: "openai" };
  if (method === "POST" && path === "/embeddings") return { route: handleEmbeddings, format: "openai" };
  if (method === "POST" && path === "/messages") return { route: handleMessages, format: "anthropic" };
  if (method === "GET" && path === "/models") return { route: (_request, context) => handleListModels(context), format: "openai" };
  const model = /^\/models\/(.+)$/.exec(path);
  if (method === "GET" && model)
    return { route: (_request, context) => handleGetModel(decodeURIComponent(model[1]!), context), format: "openai" };
  return null;
}

export type AiRequestOptions = { presetKey?: ResolvedKey; signal?: AbortSignal; mcpTool?: string };

export async function handleAiRequest(request: Request, options: AiRequestOptions = {}): Promise<Response> {
  if (!tracingOn()) return answerAiRequest(request, options, newRequestId());
  // Traced: the call's span is active while the route runs (admission, provider calls); an admitted
  // call's settle ends it (finishAiCall), any other answer here.
  const requestId = newRequestId();
  const span = startCallSpan("ai.call", request.method, new URL(request.url).pathname, request.headers)!;
  span.setAttribute(TRACE_ATTRIBUTES.requestId, requestId);
  const response = await runWithSpan(span, () => answerAiRequest(request, options, requestId));
  endCallSpanUnlessTaken(span, response.status, null);
  return response;
}

async function answerAiRequest(request: Request, options: AiRequestOptions, requestId: string): Promise<Response> {
  const startedAt = performance.now();
  const receivedAt = new Date();
  const path = new URL(request.url).pathname.slice(AI_PATH_PREFIX.length) || "/";
  const matched = routeFor(request.method, path);
  const format = matched?.format ?? (path === "/messages" ? "anthropic" : "openai");
  try {
    if (!matched)
      throw new AiError(
        "not_found",
        `There is no ${request.method} ${AI_PATH_PREFIX}${path}. See ${AI_PATH_PREFIX}/models for the models this key may use.`,
      );
    const key = await authenticateAiCaller(request, options.presetKey);
    const context: AiRequestContext = {
      requestId,
      key,
      signal: options.signal ?? request.signal,
      startedAt,
      receivedAt,
      mcpTool: options.mcpTool,
    };
    return await matched.route(request, context, path);
  } catch (error) {
    if (error instanceof AiError) {
      noteProblemCode(error.code);
      return aiErrorResponse(error, requestId, format);
    }
    if (request.signal.aborted) return new Response(null, { status: 499 });
    if (isDatabaseUnavailable(error)) {
      // Nothing was sent to a provider uncharged: admission stops at the charge it could not make.
      const { message } = serviceUnavailable();
      return aiErrorResponse(new AiError("service_unavailable", message, { headers: SERVICE_UNAVAILABLE_HEADERS }), requestId, format);
    }
    forRequest(log, requestId).error({ method: request.method, path, err: error }, "unexpected error");
    return aiErrorResponse(
      new AiError("internal_error", `Something went wrong on our side. Quote request id ${requestId} if you report it.`),
      requestId,
      format,
    );
  }
}
