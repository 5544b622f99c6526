// A failed parse of a request body, told the way OpenAI tells it: one message about the first bad
// field, in plain words, and that field's dotted path in `param`. SDKs and agents show only this.
// Messages name types and allowed values but never echo what the caller sent (it may hold a secret).
import type { z } from "zod";

type Issue = z.core.$ZodIssue;
type Path = PropertyKey[];

/** The OpenAI error's `message` and `param`; `param` is null when the body as a whole is wrong. */
export type FieldError = { message: string; param: string | null };

/**
 * The first issue of `error` (from parsing `input`) as `{ message, param }`, e.g.
 * `{ param: "messages.0.role", message: "Invalid value for 'messages.0.role': expected one of 'system', …" }`.
 */
export function describeZodError(error: z.ZodError, input: unknown): FieldError {
  const issue = error.issues[0];
  if (!issue) return { message: "The request body is invalid.", param: null };
  return describeIssue(issue, [], input);
}

function describeIssue(issue: Issue, prefix: Path, input: unknown): FieldError {
  const path = [...prefix, ...issue.path];
  // A union reports every branch; the caller meant the branch that got furthest into their value.
  const branch = issue.code === "invalid_union" ? closestBranch(issue.errors) : undefined;
  if (branch) return describeIssue(branch, path, input);
  const param = path.length > 0 ? path.map(String).join(".") : null;
  const field = param === null ? "the request body" : `'${param}'`;
  return { param, message: explain(issue, field, valueAt(input, path)) };
}

/** The branch whose first issue lies deepest, ignoring branches whose type did not even match. */
function closestBranch(branches: Issue[][]): Issue | undefined {
  let best: Issue | undefined;
  for (const [issue] of branches) {
    if (!issue || isTypeMismatch(issue)) continue;
    if (!best || issue.path.length > best.path.length) best = issue;
  }
  return best;
}

const isTypeMismatch = (issue: Issue) => issue.code === "invalid_type" && issue.path.length === 0;

const MISSING_CODES = new Set<string>(["invalid_type", "invalid_union", "invalid_value"]);

function explain(issue: Issue, field: string, value: unknown): string {
  if (value === undefined && MISSING_CODES.has(issue.code)) return `Missing required parameter: ${field}.`;
  switch (issue.code) {
    case "invalid_type":
      return `Invalid type for ${field}: expected ${nameType(issue.expected)}, but got ${nameValue(value)} instead.`;
    case "invalid_union": {
      if (issue.discriminator) return explainChoice(field, "options" in issue ? (issue.options ?? []) : []);
      const expected = [...new Set(issue.errors.map(([branch]) => nameExpected(branch)))];
      return `Invalid type for ${field}: expected ${expected.join(" or ")}, but got ${nameValue(value)} instead.`;
    }
    case "invalid_value":
      return explainChoice(field, issue.values);
    case "too_small":
      return `Invalid value for ${field}: ${explainBound("at least", issue.origin, issue.minimum, issue.inclusive)}.`;
    case "too_big":
      return `Invalid value for ${field}: ${explainBound("at most", issue.origin, issue.maximum, issue.inclusive)}.`;
    case "invalid_format":
      return `Invalid value for ${field}: expected a valid ${issue.format}.`;
    default:
      return `Invalid value for ${field}: ${issue.message}.`;
  }
}

function explainChoice(field: string, options: readonly unknown[]): string {
  const quoted = options.map((option) => `'${String(option)}'`);
  return `Invalid value for ${field}: expected ${quoted.length === 1 ? quoted[0] : `one of ${quoted.join(", ")}`}.`;
}

function explainBound(comparison: "at least" | "at most", origin: string, bound: number | bigint, inclusive = true): string {
  const unit = origin === "array" ? "item" : origin === "string" ? "character" : null;
  if (unit) return `it must have ${comparison} ${bound} ${unit}${bound === 1 ? "" : "s"}`;
  const strict = comparison === "at least" ? "greater than" : "less than";
  return `it must be ${inclusive ? comparison : strict} ${bound}`;
}

function nameExpected(branch: Issue | undefined): string {
  return branch?.code === "invalid_type" ? nameType(branch.expected) : "another value";
}

function nameType(expected: string): string {
  if (expected === "int") return "an integer";
  if (expected === "record" || expected === "object") return "an object";
  if (expected === "array") return "an array";
  return expected === "null" ? "null" : `a ${expected}`;
}

function nameValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
