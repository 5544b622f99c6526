// Input parsing for management operations: JSON bodies (400 when not JSON, 422 when the shape is
// wrong) and query strings (400, since a bad query is a malformed request rather than bad data).
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { readLimited } from "@/lib/http/read-limited";
import { fieldErrors, summarizeFieldErrors, unstorableTextErrors } from "@/lib/validation";

/** Room for the largest body an operation takes: an API with its OpenAPI document (at most 1 MiB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function readJson(request: Request): Promise<unknown> {
  // Read up to the limit and no further, so a huge body cannot make the server buffer without bound.
  const { bytes, truncated } = await readLimited(request.body, MAX_BODY_BYTES);
  if (truncated) throw new AppError("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    // The parser's message would echo part of the body back; a fixed sentence says enough.
    throw new AppError("bad_request", "The request body is not valid JSON. Send a JSON object with `Content-Type: application/json`.");
  }
}

export const parseBody = <S extends z.ZodType>(schema: S, json: unknown): z.output<S> =>
  parseWith(schema, json, "validation_failed", "The request body is invalid");

export const parseQuery = <S extends z.ZodType>(schema: S, query: Record<string, string>): z.output<S> =>
  parseWith(schema, query, "bad_request", "Invalid query parameters");

/** Path segments reach the database as they are (a team slug, an id): refuse what it cannot store. */
export function checkPathParams(params: Record<string, string>): void {
  const errors = unstorableTextErrors(params, "path");
  if (errors) throw new AppError("bad_request", `Invalid path: ${summarizeFieldErrors(errors)}`, errors);
}

// Text PostgreSQL cannot store is refused for the whole input before the schema sees any field.
function parseWith<S extends z.ZodType>(schema: S, input: unknown, code: "bad_request" | "validation_failed", what: string): z.output<S> {
  const unstorable = unstorableTextErrors(input);
  const result = unstorable ? null : schema.safeParse(input);
  if (result?.success) return result.data;
  const errors = unstorable ?? fieldErrors(result!.error);
  throw new AppError(code, `${what}: ${summarizeFieldErrors(errors)}`, errors);
}

/** `Idempotency-Key`: optional, 1-200 visible ASCII characters (the IETF draft's shape). */
export function readIdempotencyKey(headers: Headers): string | undefined {
  const key = headers.get("idempotency-key");
  if (key === null) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new AppError("bad_request", "The Idempotency-Key header must be 1-200 visible ASCII characters, e.g. a UUID.", {
      "Idempotency-Key": "Invalid.",
    });
  }
  return key;
}
