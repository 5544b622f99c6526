// POST /api/playground - the AI API page's playground: one streamed chat call through the AI gateway
// with a key of the signed-in member's team (lib/ai/playground/run-playground.ts). Same-origin only;
// the answer is the gateway's event stream (its last usage chunk carries the cost) or its error.
import { getCurrentUser } from "@/lib/auth/session";
import { appUrl } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { appErrorResponse } from "@/lib/http/problem";
import { newRequestId } from "@/lib/http/request-id";
import { readLimited } from "@/lib/http/read-limited";
import { runPlayground } from "@/lib/ai/playground/run-playground";
import { PLAYGROUND_MAX_REQUEST_BYTES } from "@/lib/ai/playground/playground-schema";
import { forRequest, moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("playground");

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const requestId = newRequestId();
  try {
    // The session cookie rides along on cross-site posts too; only our own pages may spend credit.
    if (request.headers.get("origin") !== new URL(appUrl()).origin) {
      throw new AppError("forbidden", "The playground accepts requests from this site's own pages only.");
    }
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthorized", "Sign in to use the playground with your team's key.");
    return await runPlayground(user.id, await readBody(request), { signal: request.signal });
  } catch (error) {
    if (isAppError(error)) return appErrorResponse(error, requestId);
    forRequest(log, requestId).error({ err: error }, "unexpected error");
    return appErrorResponse(new AppError("internal_error", `Something went wrong on our side. Quote request id ${requestId}.`), requestId);
  }
}

async function readBody(request: Request): Promise<unknown> {
  const limit = PLAYGROUND_MAX_REQUEST_BYTES;
  const { bytes, truncated } = await readLimited(request.body, limit);
  if (truncated)
    throw new AppError("payload_too_large", `The playground sends conversations up to ${limit / 1024} KiB; clear it to go on.`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}
