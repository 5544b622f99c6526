// OpenAPI documents that admins publish with an API: parsed from JSON or YAML text (an upload or a
// paste) or taken as the JSON object the management API received, then validated against the
// official OpenAPI 3.0 / 3.1 JSON Schemas. Every problem names where it is: a line and column for
// text, a JSON pointer always. An invalid document is never saved, so the portal's docs page can
// render whatever is stored.
import { Validator } from "@seriousme/openapi-schema-validator";
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { AppError } from "@/lib/errors";
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation";

import { OPENAPI_MAX_BYTES, OPENAPI_MAX_BYTES_LABEL } from "@/lib/catalog/openapi-file";

export { OPENAPI_MAX_BYTES, OPENAPI_MAX_BYTES_LABEL };
const MAX_PROBLEMS = 20;
/**
 * Far deeper than real API descriptions go. The schema validator, JSON.stringify and the YAML parser
 * all recurse, so a document nested thousands deep would overflow the stack: refuse it by name.
 */
export const OPENAPI_MAX_DEPTH = 100;
const TOO_DEEP = `The document is nested more than ${OPENAPI_MAX_DEPTH} levels deep. Move nested schemas to components and refer to them with $ref.`;

export type OpenApiProblem = {
  message: string;
  /** JSON pointer of the offending value ("" is the document itself) */
  pointer: string;
  /** 1-based, when the document came as text */
  line?: number;
  column?: number;
};

type OpenApiResult = { ok: true; document: Record<string, unknown> } | { ok: false; problems: OpenApiProblem[] };

type AjvError = { instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown>; message?: string };

// One validator per process: it compiles each version's schema once, on first use.
let validator: Validator | undefined;

/** "Line 3, column 5: must be string" (or the pointer when there is no line). */
export function describeProblem(problem: OpenApiProblem): string {
  const where = problem.line
    ? `Line ${problem.line}, column ${problem.column ?? 1}`
    : problem.pointer
      ? `At ${problem.pointer}`
      : "Document";
  return `${where}: ${problem.message}`;
}

/** Text (JSON or YAML) -> the document, or its problems with line numbers. */
export async function parseOpenApiText(text: string): Promise<OpenApiResult> {
  if (Buffer.byteLength(text, "utf8") > OPENAPI_MAX_BYTES) return tooLarge();
  if (!text.trim()) return fail([{ message: "The document is empty.", pointer: "" }]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return fail(
      doc.errors
        .slice(0, MAX_PROBLEMS)
        .map((error) => ({ message: parseMessage(error.message), pointer: "", ...position(lineCounter, error.pos[0]) })),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // toJS refuses documents whose aliases expand too far (a "billion laughs" bomb).
    return fail([{ message: error instanceof Error ? parseMessage(error.message) : "The document could not be read.", pointer: "" }]);
  }
  const result = await validateOpenApiObject(value);
  if (result.ok) return result;
  return { ok: false, problems: result.problems.map((problem) => ({ ...problem, ...locate(doc, lineCounter, problem.pointer) })) };
}

/** A JSON value (the management API's `openapi` field, or parsed text) -> the document or its problems by pointer. */
export async function validateOpenApiObject(value: unknown): Promise<OpenApiResult> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail([{ message: 'The document must be an object with an `openapi` field, e.g. { "openapi": "3.1.0", … }.', pointer: "" }]);
  }
  const shape = shapeProblem(value);
  if (shape) return fail([shape]);
  // What gets stored is what JSON can carry (YAML's .inf or .nan would not survive the round trip).
  const json = JSON.stringify(value);
  if (Buffer.byteLength(json, "utf8") > OPENAPI_MAX_BYTES) return tooLarge();
  const document = JSON.parse(json) as Record<string, unknown>;
  const versionProblem = checkVersion(document);
  if (versionProblem) return fail([versionProblem]);

  validator ??= new Validator({ allErrors: true });
  const result = await validator.validate(document);
  if (result.valid) return { ok: true, document };
  if (typeof result.errors === "string") return fail([refProblem(document, result.errors)]);
  return fail(summarize((result.errors ?? []) as AjvError[]));
}

/** The problems as an AppError: a summary on `openapi`, and one entry per pointer (`openapi#/info`). */
export function invalidOpenApi(problems: OpenApiProblem[], field = "openapi"): AppError {
  const summary = `The OpenAPI document is invalid: ${describeProblem(problems[0]!)}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}`;
  const errors: Record<string, string> = { [field]: summary };
  for (const problem of problems) errors[`${field}#${problem.pointer}`] ??= describeProblem(problem);
  return new AppError("validation_failed", summary, errors);
}

/** The parser's own words, except where it ran out of stack: then what the author can change. */
function parseMessage(message: string): string {
  return /call stack/i.test(message) ? TOO_DEEP : message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "");
}

/** Before anything recurses over the document: its depth, then text PostgreSQL cannot store. */
function shapeProblem(document: object): OpenApiProblem | null {
  const pending: [unknown, number][] = [[document, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== "object" || value === null) continue;
    if (depth > OPENAPI_MAX_DEPTH) return { message: TOO_DEEP, pointer: "" };
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  const path = findUnstorableText(document);
  return path ? { message: UNSTORABLE_TEXT_MESSAGE, pointer: path.map((segment) => `/${escapePointer(segment)}`).join("") } : null;
}

/** One JSON pointer segment (RFC 6901). */
const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

function fail(problems: OpenApiProblem[]): OpenApiResult {
  return { ok: false, problems };
}

function tooLarge(): OpenApiResult {
  return fail([
    {
      message: `The document is over ${OPENAPI_MAX_BYTES_LABEL}: the limit is ${OPENAPI_MAX_BYTES_LABEL}. Split out examples or remove unused parts.`,
      pointer: "",
    },
  ]);
}

function checkVersion(document: Record<string, unknown>): OpenApiProblem | null {
  if (typeof document.swagger === "string" || typeof document.swagger === "number") {
    return {
      message: "This is a Swagger 2.0 document. Convert it to OpenAPI 3.0 or 3.1 (e.g. with swagger2openapi) and upload that.",
      pointer: "/swagger",
    };
  }
  const version = document.openapi;
  if (version === undefined)
    return { message: "The document has no `openapi` field. Start it with `openapi: 3.1.0` (or 3.0.3).", pointer: "" };
  if (typeof version !== "string")
    return { message: `\`openapi\` must be a string such as "3.1.0" (quote it in YAML).`, pointer: "/openapi" };
  if (!/^3\.[01]\.\d+$/.test(version)) return { message: `OpenAPI ${version} is not supported: use 3.0.x or 3.1.x.`, pointer: "/openapi" };
  return null;
}

/** The validator reports a broken `$ref` as a sentence; find the first `$ref` with that target. */
function refProblem(document: Record<string, unknown>, message: string): OpenApiProblem {
  const target = /^Can't resolve (\S+?),?(?: |$)/.exec(message)?.[1];
  const pointer = target ? findRef(document, target, "") : null;
  return {
    message: target ? `The reference ${target} points to nothing in this document (only internal references are supported).` : message,
    pointer: pointer ?? "",
  };
}

function findRef(value: unknown, target: string, pointer: string): string | null {
  if (typeof value !== "object" || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPointer = `${pointer}/${escapePointer(key)}`;
    if (key === "$ref" && typeof child === "string" && decodeURIComponent(child) === target) return childPointer;
    const found = findRef(child, target, childPointer);
    if (found) return found;
  }
  return null;
}

// --- turning Ajv's raw errors into a short list a person can act on -------------------------------

const SUMMARY_KEYWORDS = new Set(["oneOf", "anyOf", "if", "else", "then", "not"]);

/** Groups by location: drops "matches no branch" summaries and the `$ref` alternative, merges enum and required lists. */
function summarize(errors: AjvError[]): OpenApiProblem[] {
  const byPointer = new Map<string, AjvError[]>();
  for (const error of errors) {
    if (error.keyword === "required" && error.params.missingProperty === "$ref") continue;
    const pointer = extraPropertyPointer(error) ?? error.instancePath;
    byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), error]);
  }
  const problems: OpenApiProblem[] = [];
  for (const [pointer, group] of byPointer) {
    const specific = group.filter((error) => !SUMMARY_KEYWORDS.has(error.keyword));
    for (const message of messagesFor(specific.length ? specific : group)) problems.push({ pointer, message });
  }
  return problems.slice(0, MAX_PROBLEMS);
}

function extraPropertyPointer(error: AjvError): string | null {
  const property = error.params.additionalProperty ?? error.params.unevaluatedProperty;
  return typeof property === "string" ? `${error.instancePath}/${escapePointer(property)}` : null;
}

function messagesFor(group: AjvError[]): string[] {
  const messages: string[] = [];
  const required = group
    .filter((error) => error.keyword === "required")
    .map((error) => ({ name: String(error.params.missingProperty), schemaPath: error.schemaPath }));
  if (required.length) {
    const names = [...new Set(required.map((entry) => `\`${entry.name}\``))];
    // One schema missing several properties needs them all; different branches need any one of them.
    const sameSchema = new Set(required.map((entry) => entry.schemaPath)).size === 1;
    messages.push(
      names.length === 1
        ? `is missing the required property ${names[0]}.`
        : sameSchema
          ? `is missing the required properties ${names.join(", ")}.`
          : `needs one of the properties ${names.join(", ")}.`,
    );
  }
  const allowed = group.filter((error) => error.keyword === "enum").flatMap((error) => (error.params.allowedValues as unknown[]) ?? []);
  if (allowed.length) messages.push(`must be one of ${[...new Set(allowed.map((value) => JSON.stringify(value)))].join(", ")}.`);
  const seen = new Set<string>();
  for (const error of group) {
    if (error.keyword === "required" || error.keyword === "enum") continue;
    const message =
      error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties"
        ? "is not allowed here (unknown property; extensions must start with `x-`)."
        : `${error.message ?? "is invalid"}.`;
    if (!seen.has(message)) messages.push(message);
    seen.add(message);
  }
  return messages;
}

// --- pointers back to source positions ------------------------------------------------------------

function position(lineCounter: LineCounter, offset: number | undefined): { line?: number; column?: number } {
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** The line of the value at `pointer`, or of its key when it has one (a key line reads better than the first child). */
function locate(doc: Document, lineCounter: LineCounter, pointer: string) {
  const segments = pointer
    ? pointer
        .split("/")
        .slice(1)
        .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    : [];
  let node: unknown = doc.contents;
  let anchor: Node | null = (doc.contents as Node | null) ?? null;
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && String(isScalar(item.key) ? item.key.value : item.key) === segment);
      if (!pair) break;
      anchor = (pair.key as Node | null) ?? anchor;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      anchor = item as Node;
      node = item;
    } else {
      break;
    }
  }
  return position(lineCounter, anchor?.range?.[0]);
}
