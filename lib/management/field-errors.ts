// zod issues -> the `errors` map of a problem+json body: one message per field path ("plans.0.price").
import type { z } from "zod";

export function fieldErrors(error: z.ZodError, prefix = ""): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
    errors[path] ??= issue.message;
  }
  return errors;
}

/** A readable one-line summary of the first problems, for `detail`. */
export function summarizeFieldErrors(errors: Record<string, string>): string {
  const entries = Object.entries(errors);
  const shown = entries.slice(0, 3).map(([field, message]) => `${field}: ${message}`).join("; ");
  return entries.length > 3 ? `${shown}; and ${entries.length - 3} more` : shown;
}
