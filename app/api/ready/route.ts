// GET /api/ready - readiness: 200 when this instance may take traffic, 503 problem+json while it
// drains, the database does not answer or migrations are pending (lib/health/check-readiness.ts).
// `npm start` answers it on node:http before Next.js (scripts/serve.ts); this route serves `npm run dev`.
import { readinessResponse } from "@/lib/health/readiness-response";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return readinessResponse();
}
