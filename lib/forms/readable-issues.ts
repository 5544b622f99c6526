// The one place where zod's built-in wording ("Too small: expected string to have >=1 characters")
// becomes a sentence a person can act on. Installed as zod's global error map (lib/validation.ts),
// so every door (forms, server actions, the management API) gets it; a message written in a schema
// still wins, because zod asks the schema first.
import { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

const count = (amount: number | bigint, one: string, many = `${one}s`) => `${amount.toLocaleString("en")} ${amount === 1 ? one : many}`;

/** Nothing typed: a missing field, or a form field left empty. */
const isEmpty = (input: unknown) => input === undefined || input === null || input === "";

const EXPECTED: Record<string, string> = {
  string: "Enter text.",
  number: "Enter a number.",
  int: "Enter a whole number.",
  bigint: "Enter a whole number.",
  boolean: "Choose yes or no.",
  date: "Enter a date.",
  array: "Send a list.",
  object: "Send an object.",
  file: "Choose a file.",
};

const FORMATS: Record<string, string> = {
  email: "Enter an email address, like name@example.com.",
  url: "Enter a full URL, like https://example.com.",
  uuid: "Enter a valid id.",
  cuid: "Enter a valid id.",
  cuid2: "Enter a valid id.",
  datetime: "Enter a date and time, like 2026-01-31T12:00:00Z.",
  date: "Enter a date, like 2026-01-31.",
  time: "Enter a time, like 12:00.",
  ipv4: "Enter an IPv4 address.",
  ipv6: "Enter an IPv6 address.",
  starts_with: "Check the beginning of this value.",
  ends_with: "Check the end of this value.",
  json_string: "Enter valid JSON.",
};

function tooSmall(issue: Extract<RawIssue, { code: "too_small" }>): string {
  const { minimum, inclusive, origin } = issue;
  if (origin === "string") return Number(minimum) <= 1 ? "Enter a value." : `Use at least ${count(minimum, "character")}.`;
  if (origin === "array" || origin === "set")
    return Number(minimum) <= 1 ? "Choose at least one." : `Choose at least ${count(minimum, "item")}.`;
  if (origin === "file") return `The file must be at least ${count(minimum, "byte")}.`;
  return inclusive ? `Must be ${minimum.toLocaleString("en")} or more.` : `Must be more than ${minimum.toLocaleString("en")}.`;
}

function tooBig(issue: Extract<RawIssue, { code: "too_big" }>): string {
  const { maximum, inclusive, origin } = issue;
  if (origin === "string") return `Use at most ${count(maximum, "character")}.`;
  if (origin === "array" || origin === "set") return `Use at most ${count(maximum, "item")}.`;
  if (origin === "file") return `The file must be at most ${count(maximum, "byte")}.`;
  return inclusive ? `Must be ${maximum.toLocaleString("en")} or less.` : `Must be less than ${maximum.toLocaleString("en")}.`;
}

/**
 * A union such as `"" | decimal amount` fails as a whole; the option of the right type that failed
 * one of its checks says best what to fix ("Use a decimal amount…"), in its own (readable) words.
 */
function unionMessage(issue: Extract<RawIssue, { code: "invalid_union" }>): string {
  if (isEmpty(issue.input)) return "This field is required.";
  const closest = issue.errors.find((branch) => branch[0] && branch[0].code !== "invalid_type" && branch[0].code !== "invalid_value");
  return closest?.[0]?.message ?? "Enter a valid value.";
}

/** A readable message for any zod issue; never the library's own wording. */
export function readableIssueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (isEmpty(issue.input)) return "This field is required.";
      if (issue.expected === "number" && Number.isNaN(issue.input)) return "Enter a number.";
      return EXPECTED[issue.expected] ?? "Enter a valid value.";
    case "too_small":
      return tooSmall(issue);
    case "too_big":
      return tooBig(issue);
    case "invalid_format":
      return FORMATS[issue.format] ?? "Use the expected format.";
    case "not_multiple_of":
      return `Must be a multiple of ${issue.divisor.toLocaleString("en")}.`;
    case "unrecognized_keys":
      return `Remove the unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}.`;
    case "invalid_value":
      return issue.values.length === 1
        ? `Use ${String(issue.values[0])}.`
        : `Choose one of: ${issue.values.map((value) => String(value)).join(", ")}.`;
    case "invalid_union":
      return unionMessage(issue);
    case "invalid_key":
    case "invalid_element":
      return "One of the entries is not valid.";
    default:
      return "Enter a valid value.";
  }
}

/** Idempotent: zod keeps one global config, and a second call only sets the same map again. */
export function installReadableIssues(): void {
  z.config({ customError: readableIssueMessage });
}
