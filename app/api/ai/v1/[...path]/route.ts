// /api/ai/v1/… - the AI gateway (OpenAI-compatible chat completions, embeddings, models): a thin
// adapter around lib/ai/gateway/handle-ai-request.ts.
import { handleAiRequest } from "@/lib/ai/gateway/handle-ai-request";

export const dynamic = "force-dynamic";

const serve = (request: Request) => handleAiRequest(request);
export const GET = serve;
export const POST = serve;
