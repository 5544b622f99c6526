// ANY /api/demo/{...path} - the built-in demo upstream behind the seeded Demo API (lib/demo/upstream.ts).
import { handleDemoRequest } from "@/lib/demo/upstream";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path: string[] }> };

async function handler(request: Request, { params }: Context): Promise<Response> {
  const { path } = await params;
  return handleDemoRequest(request, path);
}

export { handler as GET, handler as HEAD, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS };
