// zod at the edges: a failed parse becomes one validation error with a message per field, whichever
// door (portal form, server action, management API) the input came through.
import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * zod issues -> a message per field. Full dotted paths ("plans.0.price") for JSON bodies;
 * `topLevel` keeps only the first segment, which is what a flat HTML form can show next to a field.
 */
export function fieldErrors(error: z.ZodError, options: { prefix?: string; topLevel?: boolean } = {}): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const segments = options.topLevel ? issue.path.slice(0, 1) : issue.path;
    const path = [options.prefix, ...segments.map(String)].filter(Boolean).join(".") || (options.topLevel ? "form" : "body");
    errors[path] ??= issue.message;
  }
  return errors;
}

/** A readable one-line summary of the first problems, for a problem's `detail`. */
export function summarizeFieldErrors(errors: Record<string, string>): string {
  const entries = Object.entries(errors);
  const shown = entries.slice(0, 3).map(([field, message]) => `${field}: ${message}`).join("; ");
  return entries.length > 3 ? `${shown}; and ${entries.length - 3} more` : shown;
}

/** The first message leads, so an API caller reading only `detail` still learns what to fix. */
export function invalid(errors: Record<string, string>, message = Object.values(errors)[0]): AppError {
  return new AppError("validation_failed", message ?? "Check the highlighted fields.", errors);
}

/** Parses `input` or throws the validation error (fields keyed by their top-level name). */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, message?: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error, { topLevel: true });
  throw invalid(errors, message ?? Object.values(errors)[0]);
}
