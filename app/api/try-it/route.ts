// POST /api/try-it - the API page's console: one call through the real gateway with a key of the
// signed-in member's team (lib/try-it/run-try-it.ts). Same-origin only; the answer is the call's
// status, accounting headers and (truncated) body as JSON.
import { getCurrentUser } from "@/lib/auth/session";
import { appUrl } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { appErrorResponse } from "@/lib/http/problem";
import { newRequestId } from "@/lib/http/request-id";
import { readLimited } from "@/lib/http/read-limited";
import { runTryIt } from "@/lib/try-it/run-try-it";
import { TRY_IT_MAX_REQUEST_BYTES } from "@/lib/try-it/try-it-schema";
import { forRequest, moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("try-it");

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const requestId = newRequestId();
  try {
    // The session cookie rides along on cross-site posts too; only our own pages may spend credit.
    if (request.headers.get("origin") !== new URL(appUrl()).origin) {
      throw new AppError("forbidden", "The console accepts requests from this site's own pages only.");
    }
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthorized", "Sign in to try an API with your team's key.");
    const input = await readJson(request);
    const result = await runTryIt(user.id, input, { signal: request.signal });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (isAppError(error)) return appErrorResponse(error, requestId);
    forRequest(log, requestId).error({ err: error }, "unexpected error");
    return appErrorResponse(new AppError("internal_error", `Something went wrong on our side. Quote request id ${requestId}.`), requestId);
  }
}

async function readJson(request: Request): Promise<unknown> {
  const tooLarge = () => new AppError("payload_too_large", `The console sends bodies up to ${TRY_IT_MAX_REQUEST_BYTES / 1024} KiB.`);
  if (Number(request.headers.get("content-length") ?? 0) > TRY_IT_MAX_REQUEST_BYTES) throw tooLarge();
  const { bytes, truncated } = await readLimited(request.body, TRY_IT_MAX_REQUEST_BYTES);
  if (truncated) throw tooLarge();
  try {
    // runTryIt validates the shape; here only "is it JSON at all".
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}
