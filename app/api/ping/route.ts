// GET /api/ping - trivial JSON route on a static path: a second baseline for npm run bench
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
