// A caller's variables against the definition, before anything is charged: a JSON object with each
// required variable, nothing unknown, each value of its type and within its limits. Every problem is
// reported by variable name, so a 422 lists them all at once. The same rules, as a JSON Schema, are
// the request body of the generated OpenAPI document (variablesJsonSchema).
import { MAX_VALUE_CHARS, type PromptVariable } from "@/lib/prompt-apis/definition-schema";
import { valueText } from "@/lib/prompt-apis/template";

type Checked = { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> };

const TYPE_WORDS: Record<PromptVariable["type"], string> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  enum: "one of the listed values",
  string_array: "an array of strings",
};

function problemOf(variable: PromptVariable, value: unknown): string | null {
  const maxLength = Math.min(variable.maxLength ?? MAX_VALUE_CHARS, MAX_VALUE_CHARS);
  switch (variable.type) {
    case "string":
      if (typeof value !== "string") return "Must be a string.";
      return [...value].length > maxLength ? `Must be at most ${maxLength} characters long.` : null;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "Must be a number.";
    case "boolean":
      return typeof value === "boolean" ? null : "Must be true or false.";
    case "enum":
      return typeof value === "string" && variable.values.includes(value)
        ? null
        : `Must be one of ${variable.values.map((item) => JSON.stringify(item)).join(", ")}.`;
    case "string_array": {
      if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) return "Must be an array of strings.";
      if (variable.maxItems !== null && value.length > variable.maxItems) return `Must have at most ${variable.maxItems} items.`;
      const long = value.findIndex((item: string) => [...item].length > maxLength);
      return long >= 0 ? `Item ${long} must be at most ${maxLength} characters long.` : null;
    }
  }
}

/** The variables of a call body as the text each placeholder gets, or a message per field. */
export function checkVariables(variables: readonly PromptVariable[], body: unknown): Checked {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const names = variables.map((variable) => variable.name).join(", ");
    return { ok: false, errors: { body: `Send a JSON object of the variables${names ? ` (${names})` : ""}.` } };
  }
  const given = body as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const values: Record<string, string> = {};
  const known = new Set(variables.map((variable) => variable.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) errors[name] = `Not a variable of this API. Its variables are: ${[...known].join(", ") || "none"}.`;
  }
  for (const variable of variables) {
    const value = given[variable.name];
    if (value === undefined || value === null) {
      if (variable.required) errors[variable.name] = `Required: ${TYPE_WORDS[variable.type]}.`;
      continue;
    }
    const problem = problemOf(variable, value);
    if (problem) errors[variable.name] = problem;
    else values[variable.name] = valueText(variable, value);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}

/** The request body's JSON Schema: the same rules as checkVariables. */
export function variablesJsonSchema(variables: readonly PromptVariable[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const variable of variables) {
    const description = variable.description ? { description: variable.description } : {};
    const maxLength = Math.min(variable.maxLength ?? MAX_VALUE_CHARS, MAX_VALUE_CHARS);
    properties[variable.name] =
      variable.type === "string"
        ? { type: "string", maxLength, ...description }
        : variable.type === "number"
          ? { type: "number", ...description }
          : variable.type === "boolean"
            ? { type: "boolean", ...description }
            : variable.type === "enum"
              ? { type: "string", enum: variable.values, ...description }
              : {
                  type: "array",
                  items: { type: "string", maxLength },
                  ...(variable.maxItems !== null ? { maxItems: variable.maxItems } : {}),
                  ...description,
                };
  }
  const required = variables.filter((variable) => variable.required).map((variable) => variable.name);
  return { type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false };
}
