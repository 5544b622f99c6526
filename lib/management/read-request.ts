// Input parsing for management operations: JSON bodies (400 when not JSON, 422 when the shape is
// wrong) and query strings (400, since a bad query is a malformed request rather than bad data).
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { fieldErrors, summarizeFieldErrors } from "@/lib/validation";

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message would echo part of the body back; a fixed sentence says enough.
    throw new AppError("bad_request", "The request body is not valid JSON. Send a JSON object with `Content-Type: application/json`.");
  }
}

export function parseBody<S extends z.ZodType>(schema: S, json: unknown): z.output<S> {
  const result = schema.safeParse(json);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    throw new AppError("validation_failed", `The request body is invalid: ${summarizeFieldErrors(errors)}`, errors);
  }
  return result.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.output<S> {
  const result = schema.safeParse(query);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    throw new AppError("bad_request", `Invalid query parameters: ${summarizeFieldErrors(errors)}`, errors);
  }
  return result.data;
}

/** `Idempotency-Key`: optional, 1-200 visible ASCII characters (the IETF draft's shape). */
export function readIdempotencyKey(headers: Headers): string | undefined {
  const key = headers.get("idempotency-key");
  if (key === null) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new AppError("bad_request", "The Idempotency-Key header must be 1-200 visible ASCII characters, e.g. a UUID.", { "Idempotency-Key": "Invalid." });
  }
  return key;
}
