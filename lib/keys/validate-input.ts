// zod at the domain's edge: a failed parse becomes the one validation error, with a message per
// field, whichever door (portal form, management API) the input came through.
import type { z } from "zod";
import { AppError } from "@/lib/errors";

export function validateInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  throw invalid(fieldErrors);
}

/** The first message leads, so an API caller reading only `detail` still learns what to fix. */
export function invalid(fieldErrors: Record<string, string>): AppError {
  return new AppError("validation_failed", Object.values(fieldErrors)[0] ?? "Check the highlighted fields.", fieldErrors);
}
