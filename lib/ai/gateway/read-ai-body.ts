// The JSON body of an AI request, bounded (images may come inline as data URLs, hence the room),
// validated against the endpoint's schema before anything is charged. Errors name the bad field in
// the form the caller's SDK shows.
import type { z } from "zod";
import { readLimited } from "@/lib/http/read-limited";
import { describeZodError } from "@/lib/ai/openai/describe-zod-error";
import { AiError } from "@/lib/ai/gateway/ai-error";

export const MAX_AI_BODY_BYTES = 16 * 1024 * 1024;

export async function readAiBody<S extends z.ZodType>(request: Request, schema: S): Promise<{ body: z.output<S>; bytes: number }> {
  const { bytes, truncated } = await readLimited(request.body, MAX_AI_BODY_BYTES);
  if (truncated) throw new AiError("payload_too_large", `Request bodies are limited to ${MAX_AI_BODY_BYTES / 1024 / 1024} MiB.`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
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
