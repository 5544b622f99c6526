// Output of the management API. Every body goes through the operation's output schema first:
// unknown fields (a key hash, an encrypted credential) are stripped, and a body that does not match
// the documented shape is a bug that fails loudly instead of reaching the caller.
import type { z } from "zod";

export function parseOutput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(
      `response body does not match its schema: ${result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    );
  }
  return result.data;
}

export function jsonResponse(body: unknown, requestId: string, status: number, headers?: HeadersInit): Response {
  const responseHeaders = new Headers(headers);
  responseHeaders.set("content-type", "application/json; charset=utf-8");
  responseHeaders.set("x-request-id", requestId);
  responseHeaders.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { status, headers: responseHeaders });
}
