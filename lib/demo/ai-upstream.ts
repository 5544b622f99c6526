// The demo AI provider served by the app itself (mounted at /api/demo/ai/v1): a small deterministic
// OpenAI-compatible model server, so a fresh install can try the AI gateway without a provider key.
// Framework-free: plain Fetch API Request/Response, like the demo REST upstream.
import { embeddingsBody, DEFAULT_EMBEDDING_DIMENSIONS } from "@/lib/demo/ai-embeddings";
import { demoChatCompletions } from "@/lib/demo/ai-chat";
import { aiError, readRequest, requireDemoModel } from "@/lib/demo/ai-http";
import { DEMO_AI_CREATED, DEMO_AI_MODELS, type DemoAiModel } from "@/lib/demo/ai-models";
import { demoEmbeddingsRequestSchema } from "@/lib/demo/ai-request";
import { json } from "@/lib/demo/responses";

type Route = { method: "GET" | "POST"; handle: (request: Request, path: readonly string[]) => Response | Promise<Response> };

function route(path: readonly string[]): Route | undefined {
  const key = path.join("/");
  if (key === "chat/completions") return { method: "POST", handle: demoChatCompletions };
  if (key === "embeddings") return { method: "POST", handle: embeddings };
  if (key === "models") return { method: "GET", handle: () => json({ object: "list", data: DEMO_AI_MODELS.map(modelObject) }) };
  if (path.length === 2 && path[0] === "models") return { method: "GET", handle: (_request, p) => model(p[1]!) };
  return undefined;
}

/** `path` is the part after /api/demo/ai/v1, one decoded segment per element. */
export async function handleDemoAiRequest(request: Request, path: readonly string[]): Promise<Response> {
  const found = route(path);
  if (!found) return aiError(404, `Unknown request URL: ${request.method} /v1/${path.join("/")}.`, "invalid_request_error", "unknown_url");
  if (request.method !== found.method) {
    return aiError(405, `/v1/${path.join("/")} accepts ${found.method}.`, "invalid_request_error", "method_not_allowed");
  }
  return found.handle(request, path);
}

function modelObject(model: DemoAiModel) {
  return { id: model.id, object: "model", created: DEMO_AI_CREATED, owned_by: "tollgate-demo" };
}

function model(id: string): Response {
  const found = requireDemoModel(id);
  return found instanceof Response ? found : json(modelObject(found));
}

async function embeddings(request: Request): Promise<Response> {
  const body = await readRequest(request, demoEmbeddingsRequestSchema);
  if (body instanceof Response) return body;
  const model = requireDemoModel(body.model, "EMBEDDINGS");
  if (model instanceof Response) return model;
  const dimensions = body.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  return json(embeddingsBody(body.model, body.input, dimensions, body.encoding_format ?? "float"));
}
