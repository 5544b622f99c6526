// The AI gateway, independent of Next.js like the REST gateway: an IncomingCall in, a PlainAnswer out
// (lib/gateway/gateway-answer.ts), so node:http serves it without web objects (serve-ai-node.ts) and
// the web callers (the dev route, MCP, the playground) get a Response from handleAiRequest. Routes
// /api/ai/v1/… (chat/completions, embeddings, models, messages) to its handler after authenticating
// the key; every refusal is an error in the caller's SDK's own shape (OpenAI's everywhere,
// Anthropic's on /messages).
import { newRequestId } from "@/lib/http/request-id";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { SERVICE_UNAVAILABLE_HEADERS, serviceUnavailable } from "@/lib/errors";
import type { ResolvedKey } from "@/lib/gateway/key-cache";
import { answerResponse, callFromRequest, type IncomingCall, type PlainAnswer } from "@/lib/gateway/gateway-answer";
import type { WireFormat } from "@/lib/ai/types";
import { AiError, aiErrorAnswer } from "@/lib/ai/gateway/ai-error";
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

type Route = (call: IncomingCall, context: AiRequestContext) => Promise<PlainAnswer>;

function routeFor(method: string, path: string): { route: Route; format: WireFormat } | null {
  if (method === "POST" && path === "/chat/completions") return { route: handleChatCompletions, format: "openai" };
  if (method === "POST" && path === "/embeddings") return { route: handleEmbeddings, format: "openai" };
  if (method === "POST" && path === "/messages") return { route: handleMessages, format: "anthropic" };
  if (method === "GET" && path === "/models") return { route: (_call, context) => handleListModels(context), format: "openai" };
  const model = /^\/models\/(.+)$/.exec(path);
  if (method === "GET" && model)
    return { route: (_call, context) => handleGetModel(decodeURIComponent(model[1]!), context), format: "openai" };
  return null;
}

export type AiRequestOptions = { presetKey?: ResolvedKey; signal?: AbortSignal; mcpTool?: string };

/** The web mount: `npm run dev`'s route handler, MCP tool calls and the playground call the gateway with a Request. */
export async function handleAiRequest(request: Request, options: AiRequestOptions = {}): Promise<Response> {
  return answerResponse(await answerAiCall(callFromRequest(request), options));
}

export async function answerAiCall(call: IncomingCall, options: AiRequestOptions = {}): Promise<PlainAnswer> {
  const requestId = newRequestId();
  if (!tracingOn()) return answerAs(call, options, requestId);
  // Traced: the call's span is active while the route runs (admission, provider calls); an admitted
  // call's settle ends it (finishAiCall), any other answer here.
  const span = startCallSpan("ai.call", call.method, call.url.pathname, call.headers)!;
  span.setAttribute(TRACE_ATTRIBUTES.requestId, requestId);
  const answer = await runWithSpan(span, () => answerAs(call, options, requestId));
  endCallSpanUnlessTaken(span, answer.status, null);
  return answer;
}

async function answerAs(call: IncomingCall, options: AiRequestOptions, requestId: string): Promise<PlainAnswer> {
  const startedAt = performance.now();
  const receivedAt = new Date();
  const path = call.url.pathname.slice(AI_PATH_PREFIX.length) || "/";
  const matched = routeFor(call.method, path);
  const format = matched?.format ?? (path === "/messages" ? "anthropic" : "openai");
  try {
    if (!matched)
      throw new AiError(
        "not_found",
        `There is no ${call.method} ${AI_PATH_PREFIX}${path}. See ${AI_PATH_PREFIX}/models for the models this key may use.`,
      );
    const key = await authenticateAiCaller(call, options.presetKey);
    const context: AiRequestContext = {
      requestId,
      key,
      signal: options.signal ?? call.signal,
      startedAt,
      receivedAt,
      mcpTool: options.mcpTool,
    };
    return await matched.route(call, context);
  } catch (error) {
    if (error instanceof AiError) {
      noteProblemCode(error.code);
      return aiErrorAnswer(error, requestId, format);
    }
    if (call.signal.aborted) return { status: 499, headers: [], body: null };
    if (isDatabaseUnavailable(error)) {
      // Nothing was sent to a provider uncharged: admission stops at the charge it could not make.
      const { message } = serviceUnavailable();
      return aiErrorAnswer(new AiError("service_unavailable", message, { headers: SERVICE_UNAVAILABLE_HEADERS }), requestId, format);
    }
    forRequest(log, requestId).error({ method: call.method, path, err: error }, "unexpected error");
    return aiErrorAnswer(
      new AiError("internal_error", `Something went wrong on our side. Quote request id ${requestId} if you report it.`),
      requestId,
      format,
    );
  }
}
