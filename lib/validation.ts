// zod at the edges: a failed parse becomes one validation error with a message per field, whichever
// door (portal form, server action, management API) the input came through.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { installReadableIssues } from "@/lib/forms/readable-issues";

// Every parse in the process gets readable messages: all doors import this module before they parse.
installReadableIssues();

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
  const shown = entries
    .slice(0, 3)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  return entries.length > 3 ? `${shown}; and ${entries.length - 3} more` : shown;
}

/** The first message leads, so an API caller reading only `detail` still learns what to fix. */
export function invalid(errors: Record<string, string>, message = Object.values(errors)[0]): AppError {
  return new AppError("validation_failed", message ?? "Check the highlighted fields.", errors);
}

/** Parses `input` or throws the validation error (fields keyed by their top-level name). */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, message?: string): z.infer<S> {
  const unstorable = unstorableTextErrors(input, "form");
  if (unstorable) throw invalid(unstorable, message);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error, { topLevel: true });
  throw invalid(errors, message ?? Object.values(errors)[0]);
}

// --- text PostgreSQL cannot store -------------------------------------------------------------------
// NUL is refused by text and jsonb columns alike, and an unpaired UTF-16 surrogate is not Unicode at
// all (Prisma's query encoder rejects it). Either one used to reach the database and come back as a
// 500. Each door checks its whole raw input once, before any schema runs, so no field can forget:
// validateInput below, the management API (read-request.ts), server actions (lib/auth/action.ts),
// the try-it console, page URLs (proxy.ts) and parsed OpenAPI documents (lib/catalog).

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_TEXT_MESSAGE = "Remove the NUL character (U+0000) or unpaired surrogate: text cannot contain them.";

export const isStorableText = (text: string): boolean => !text.includes("\u0000") && !LONE_SURROGATE.test(text);

/** A key that is itself unstorable is named with U+FFFD in place of the bad characters. */
const nameOf = (key: string) => key.replaceAll("\u0000", "\ufffd").replace(new RegExp(LONE_SURROGATE.source, "g"), "\ufffd");

/**
 * The path (keys and indexes) of the first string or object key in `value` that PostgreSQL cannot
 * store: [] when `value` itself is that string, null when everything is storable. Walks with its
 * own stack, so a document nested 20,000 deep cannot overflow the call stack.
 */
export function findUnstorableText(value: unknown): string[] | null {
  // Each entry links to its parent's, so a deep document costs one small object per value, not a path copy.
  type Step = { key: string; parent: Step | null } | null;
  const pathOf = (step: Step): string[] => {
    const path: string[] = [];
    for (let at = step; at; at = at.parent) path.unshift(at.key);
    return path;
  };
  const pending: [unknown, Step][] = [[value, null]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, step] = next;
    if (typeof current === "string" && !isStorableText(current)) return pathOf(step);
    if (typeof current !== "object" || current === null) continue;
    // Reversed onto the stack, so the first bad field in document order is the one reported.
    for (const [key, child] of Object.entries(current).reverse()) {
      if (!isStorableText(key)) return pathOf({ key: nameOf(key), parent: step });
      pending.push([child, { key, parent: step }]);
    }
  }
  return null;
}

/** `{ field: message }` for the first unstorable string in `input` (`where` names `input` itself), else null. */
export function unstorableTextErrors(input: unknown, where = "body"): Record<string, string> | null {
  const path = findUnstorableText(input);
  return path === null ? null : { [path.join(".") || where]: UNSTORABLE_TEXT_MESSAGE };
}
