// The output JSON Schema of a Prompt API: compiled with Ajv (draft 2020-12, the dialect of OpenAPI
// 3.1) when the admin saves it, and used to validate what the model answered before the caller is
// charged. Compiled validators are kept per schema text, so a call does not compile again.
import Ajv2020 from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";

export const MAX_OUTPUT_SCHEMA_BYTES = 64 * 1024;
const MAX_COMPILED = 500;

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

/** Why the schema cannot be used, or null. */
export function outputSchemaProblem(schema: Record<string, unknown>): string | null {
  const text = JSON.stringify(schema);
  if (Buffer.byteLength(text, "utf8") > MAX_OUTPUT_SCHEMA_BYTES) return "The output schema is larger than 64 KiB.";
  if (schema.type !== "object") return 'The output schema must describe an object: start it with "type": "object".';
  if (text.includes('"$ref"') || text.includes('"$id"'))
    return "Write the output schema inline: $ref and $id are not supported (the schema is copied into the API's OpenAPI document).";
  try {
    validatorFor(schema);
  } catch (error) {
    return `This is not a valid JSON Schema: ${(error as Error).message}`;
  }
  return null;
}

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, validate);
  }
  return validate;
}

/** The model's text as the JSON the schema asks for, or why it is not. */
export function parseOutput(schema: Record<string, unknown>, text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  let value: unknown;
  try {
    // Models asked without structured output sometimes wrap JSON in a Markdown code fence.
    value = JSON.parse(text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, "$1"));
  } catch {
    return { ok: false, problem: "the answer is not JSON" };
  }
  const validate = validatorFor(schema);
  if (validate(value)) return { ok: true, value };
  const first = validate.errors?.[0];
  return {
    ok: false,
    problem: `the answer does not match the output schema (${first?.instancePath || "/"} ${first?.message ?? "is invalid"})`,
  };
}
