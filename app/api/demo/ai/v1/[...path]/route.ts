// ANY /api/demo/ai/v1/{...path} - the built-in demo AI provider (OpenAI-compatible), lib/demo/ai-upstream.ts.
import { handleDemoAiRequest } from "@/lib/demo/ai-upstream";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path: string[] }> };

async function handler(request: Request, { params }: Context): Promise<Response> {
  const { path } = await params;
  return handleDemoAiRequest(request, path);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
