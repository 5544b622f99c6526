// Arguments are checked against a tool's inputSchema before anything is sent (a mismatch is the
// JSON-RPC error -32602, never a charge), and answers against its outputSchema (clients such as the
// official SDKs refuse structured content that does not match). Validators are compiled once per
// schema object: tool definitions are cached, so each is compiled once per process.
import Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import type { JsonSchema } from "@/lib/mcp/json-schema";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("mcp");

// OpenAPI documents carry formats and keywords of every dialect: check shapes, not formats, and do
// not refuse a schema for a keyword this validator does not know.
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, allowUnionTypes: true });
const compiled = new WeakMap<JsonSchema, ValidateFunction | null>();

/** null: the schema could not be compiled (an invalid pattern in a document): nothing is checked. */
function validatorFor(schema: JsonSchema): ValidateFunction | null {
  if (compiled.has(schema)) return compiled.get(schema)!;
  let validate: ValidateFunction | null;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    log.warn({ err: error }, "a tool schema could not be compiled, so it is not enforced");
    validate = null;
  }
  compiled.set(schema, validate);
  return validate;
}

/** The first problem as a sentence ("body/name must be string"), or null when the value matches. */
export function schemaMismatch(schema: JsonSchema, value: unknown): string | null {
  const validate = validatorFor(schema);
  if (!validate || validate(value)) return null;
  const first = validate.errors?.[0];
  if (!first) return "does not match the schema";
  const where = first.instancePath ? first.instancePath.slice(1) : "the arguments";
  const extra =
    first.keyword === "additionalProperties" ? ` (${String((first.params as { additionalProperty?: string }).additionalProperty)})` : "";
  return `${where} ${first.message ?? "is invalid"}${extra}`;
}
