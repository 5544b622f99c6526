// GET /api/ready as a web Response, served by app/api/ready/route.ts under `npm run dev` and mounted
// directly on node:http by scripts/serve.ts (so it answers during the drain, without Next.js routing).
// 200 with the checks, or a 503 problem+json whose `reason` names the failed check.
import { SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/lib/errors";
import { checkReadiness, type ReadinessOptions } from "@/lib/health/check-readiness";
import { problemResponse } from "@/lib/http/problem";
import { newRequestId } from "@/lib/http/request-id";

export const READY_PATH = "/api/ready";

export async function readinessResponse(options: ReadinessOptions = {}): Promise<Response> {
  const readiness = await checkReadiness(options);
  if (readiness.ready) {
    return Response.json({ status: "ready", checks: readiness.checks }, { headers: { "cache-control": "no-store" } });
  }
  return problemResponse("service_unavailable", readiness.detail, newRequestId(), {
    extra: { reason: readiness.reason, checks: readiness.checks },
    headers: { "retry-after": String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS) },
  });
}

/** The node:http mount's handler: its prefix also matches /api/readyfoo, which is not this endpoint. */
export async function serveReadiness(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname !== READY_PATH) return problemResponse("not_found", `There is nothing at ${pathname}.`, newRequestId());
  if (request.method !== "GET" && request.method !== "HEAD") {
    return problemResponse("bad_request", `${READY_PATH} answers GET and HEAD.`, newRequestId(), { headers: { allow: "GET, HEAD" } });
  }
  return readinessResponse();
}
