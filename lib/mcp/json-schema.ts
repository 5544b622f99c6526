// OpenAPI schemas turned into self-contained JSON Schemas an MCP client can validate with: local
// `$ref`s inlined (a reference to itself, directly or through others, is cut to an open schema that
// says so), OpenAPI 3.0's `nullable` and boolean `exclusiveMinimum` rewritten, and only the keywords
// every validator knows kept (no `example`, `xml`, `discriminator`). A budget of nodes bounds what a
// document that refers to the same large schema many times can grow into.
export type JsonSchema = Record<string, unknown>;
type Document = Record<string, unknown>;

const PLAIN_KEYWORDS = [
  "type",
  "enum",
  "const",
  "title",
  "description",
  "default",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "required",
  "minProperties",
  "maxProperties",
  "readOnly",
  "writeOnly",
  "deprecated",
] as const;
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf"] as const;
const JSON_TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

/** Schema nodes one tool's input or output may have; past it, the rest is an open schema. */
export const SCHEMA_NODE_BUDGET = 2_000;
/** Nesting kept; deeper parts become open schemas (real APIs stay far below). */
const MAX_DEPTH = 24;

/** The object at a local JSON pointer (`#/components/schemas/Pet`), or undefined. */
export function resolvePointer(document: Document, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = document;
  const pointer = ref.slice(1);
  if (pointer === "") return document;
  if (!pointer.startsWith("/")) return undefined;
  for (const raw of pointer.slice(1).split("/")) {
    let part: string;
    try {
      part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined;
    }
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Follows `$ref`s of a non-schema object (a parameter, a request body, a response), at most a few hops. */
export function dereference(document: Document, value: unknown): Record<string, unknown> | undefined {
  for (let hops = 0; hops < 10; hops++) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref !== "string") return value as Record<string, unknown>;
    value = resolvePointer(document, ref);
  }
  return undefined;
}

/** A self-contained JSON Schema for `schema` of `document`. The budget is shared by one tool's schemas. */
export function toJsonSchema(document: Document, schema: unknown, budget = { nodes: SCHEMA_NODE_BUDGET }): JsonSchema {
  return convert(document, schema, [], 0, budget);
}

function convert(document: Document, schema: unknown, refs: string[], depth: number, budget: { nodes: number }): JsonSchema {
  if (schema === true || schema === undefined) return {};
  if (schema === false) return { not: {} };
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return {};
  if (budget.nodes <= 0 || depth > MAX_DEPTH) return { description: "(Shape not expanded here: the schema is too large or too deep.)" };
  budget.nodes--;
  const source = schema as Record<string, unknown>;

  if (typeof source.$ref === "string") {
    const ref = source.$ref;
    const name = ref.split("/").pop() ?? ref;
    if (refs.includes(ref)) return { description: `(Recursive ${name}: the same shape again; any value is accepted here.)` };
    const target = resolvePointer(document, ref);
    if (target === undefined) return { description: `(Refers to ${ref}, which is not in the API's document.)` };
    const resolved = convert(document, target, [...refs, ref], depth + 1, budget);
    // OpenAPI 3.1 lets a $ref carry its own description beside it.
    return typeof source.description === "string" ? { ...resolved, description: source.description } : resolved;
  }

  const out: JsonSchema = {};
  for (const keyword of PLAIN_KEYWORDS) if (source[keyword] !== undefined) out[keyword] = source[keyword];
  if (Array.isArray(source.examples)) out.examples = source.examples;
  else if (source.example !== undefined) out.examples = [source.example];
  normaliseType(out);
  if (source.nullable === true && out.type !== undefined) {
    const types = Array.isArray(out.type) ? (out.type as string[]) : [out.type as string];
    if (!types.includes("null")) out.type = [...types, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  // OpenAPI 3.0 (JSON Schema draft 4): a boolean beside minimum/maximum; 2020-12: the bound itself.
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    const value = source[exclusive];
    if (typeof value === "number") out[exclusive] = value;
    else if (value === true && typeof source[bound] === "number") {
      out[exclusive] = source[bound];
      delete out[bound];
    }
  }
  if (out.required !== undefined && !(Array.isArray(out.required) && out.required.every((item) => typeof item === "string"))) {
    delete out.required;
  }

  const next = (child: unknown) => convert(document, child, refs, depth + 1, budget);
  if (isObject(source.properties)) {
    out.properties = Object.fromEntries(Object.entries(source.properties).map(([name, child]) => [name, next(child)]));
  }
  if (source.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof source.additionalProperties === "boolean" ? source.additionalProperties : next(source.additionalProperties);
  }
  if (Array.isArray(source.items)) out.items = source.items.length > 0 ? next(source.items[0]) : {};
  else if (source.items !== undefined) out.items = next(source.items);
  if (source.not !== undefined) out.not = next(source.not);
  for (const list of SCHEMA_LISTS) {
    const members = source[list];
    if (Array.isArray(members) && members.length > 0) out[list] = members.map(next);
  }
  return out;
}

function normaliseType(out: JsonSchema): void {
  const type = out.type;
  if (type === undefined) return;
  const types = (Array.isArray(type) ? type : [type]).filter((item): item is string => typeof item === "string" && JSON_TYPES.has(item));
  if (types.length === 0) delete out.type;
  else out.type = types.length === 1 ? types[0] : [...new Set(types)];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A schema whose root describes objects (what MCP asks of inputSchema and outputSchema). */
export function describesObject(schema: JsonSchema): boolean {
  return schema.type === "object" || (schema.type === undefined && isObject(schema.properties));
}
