// Any error thrown under a management route -> problem+json. Expected errors (AppError, a domain
// zod validation, a unique-constraint race) say what happened; anything else is logged with the
// request id and answered generically, so internals never leak. A database that did not answer in
// time is a 503 with Retry-After.
import { z } from "zod";
import { AppError, isAppError, SERVICE_UNAVAILABLE_HEADERS, serviceUnavailable } from "@/lib/errors";
import { appErrorResponse, problemResponse } from "@/lib/http/problem";
import { fieldErrors, summarizeFieldErrors } from "@/lib/validation";
import { isDatabaseUnavailable, isUniqueViolation } from "@/lib/db-errors";
import { forRequest, moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("management");

function expectedError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (error instanceof z.ZodError) {
    const errors = fieldErrors(error);
    return new AppError("validation_failed", `The request is invalid: ${summarizeFieldErrors(errors)}`, errors);
  }
  if (isUniqueViolation(error)) {
    return new AppError("conflict", "That conflicts with a change made at the same moment. Read the current state and try again.");
  }
  return null;
}

export function errorResponse(error: unknown, request: Request, requestId: string): Response {
  const expected = expectedError(error);
  if (expected) {
    const headers = expected.code === "unauthorized" ? { "www-authenticate": 'Bearer realm="tollgate"' } : undefined;
    return appErrorResponse(expected, requestId, headers);
  }
  if (isDatabaseUnavailable(error)) {
    forRequest(log, requestId).warn(
      { method: request.method, path: new URL(request.url).pathname, err: error },
      "answered 503: the database is unavailable",
    );
    return appErrorResponse(serviceUnavailable(), requestId, SERVICE_UNAVAILABLE_HEADERS);
  }
  forRequest(log, requestId).error({ method: request.method, path: new URL(request.url).pathname, err: error }, "unexpected error");
  return problemResponse(
    "internal_error",
    `Something went wrong on our side. If it keeps happening, report request id ${requestId}.`,
    requestId,
  );
}
