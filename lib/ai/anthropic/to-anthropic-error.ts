// A failed parse of a /messages body in Anthropic's error shape, which the Anthropic SDK and Claude
// Code read. The wording is the OpenAI side's (one describer for both doors).
import type { z } from "zod";
import { describeZodError } from "@/lib/ai/openai/describe-zod-error";
import type { AnthropicErrorBody } from "./stream-events";

/** An Anthropic error answer: `{ type: "error", error: { type, message } }`. */
export type AnthropicError = { type: "error"; error: AnthropicErrorBody };

/** The first issue of `error` (from parsing `input`) as an `invalid_request_error` naming the field. */
export function toAnthropicError(error: z.ZodError, input: unknown): AnthropicError {
  return { type: "error", error: { type: "invalid_request_error", message: describeZodError(error, input).message } };
}
