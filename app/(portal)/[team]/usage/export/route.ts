// GET /{team}/usage/export?range&from&to&api&key&status&method&requestId&path - the request log as CSV.
// Session callers only; lib/usage/export-usage.ts checks the membership where the rows are read.
import { getCurrentUser } from "@/lib/auth/session";
import { problemResponse } from "@/lib/http/problem";
import { newRequestId } from "@/lib/http/request-id";
import { exportUsageCsv } from "@/lib/usage/export-usage";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ team: string }> }): Promise<Response> {
  const requestId = newRequestId();
  const user = await getCurrentUser();
  if (!user) return problemResponse("unauthorized", "Sign in to download usage.", requestId);
  const { team } = await params;
  return exportUsageCsv({ userId: user.id, teamSlug: team, params: new URL(request.url).searchParams, requestId });
}
