// The JSON body of an AI request, bounded (images may come inline as data URLs, hence the room),
// validated against the endpoint's schema before anything is charged. Errors name the bad field in
// the form the caller's SDK shows. On node:http the body is read from the socket in place
// (IncomingCall.readBody), on the web mount from the Request's stream.
import type { z } from "zod";
import type { IncomingCall } from "@/lib/gateway/gateway-answer";
import { describeZodError } from "@/lib/ai/openai/describe-zod-error";
import { AiError } from "@/lib/ai/gateway/ai-error";

export const MAX_AI_BODY_BYTES = 16 * 1024 * 1024;

/** The body as text, as TextDecoder reads it (a leading BOM dropped, bad bytes as U+FFFD), without one per call. */
function utf8(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export async function readAiBody<S extends z.ZodType>(call: IncomingCall, schema: S): Promise<{ body: z.output<S>; bytes: number }> {
  const { bytes, truncated } = await call.readBody(MAX_AI_BODY_BYTES);
  if (truncated) throw new AiError("payload_too_large", `Request bodies are limited to ${MAX_AI_BODY_BYTES / 1024 / 1024} MiB.`);
  let json: unknown;
  try {
    json = JSON.parse(utf8(bytes));
  } catch {
    throw new AiError("bad_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const { message, param } = describeZodError(parsed.error, json);
    throw new AiError("bad_request", message, { param });
  }
  return { body: parsed.data, bytes: bytes.byteLength };
}
