// GET /api/ping/{segment}/{...path} - trivial JSON route with the gateway's route shape (a dynamic
// segment and a catch-all): the baseline npm run bench compares the gateway with, so that the
// ratio measures metering and forwarding, not Next.js matching a dynamic route.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
