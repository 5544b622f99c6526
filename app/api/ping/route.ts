// GET /api/ping - trivial JSON route, the baseline npm run bench compares the gateway with
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
