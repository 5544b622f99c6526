// A small JSON Schema (2020-12 subset) checker: enough to validate sample responses against the
// OpenAPI document's component schemas without a new dependency. Unknown keywords fail loudly,
// so the document cannot quietly rely on something this checker ignores.
type Schema = Record<string, any>;

const IGNORED = new Set(["description", "examples", "default", "format", "title", "$schema", "$id", "propertyNames"]);
const KNOWN = new Set([
  ...IGNORED,
  "$ref",
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "anyOf",
  "oneOf",
  "allOf",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, value: unknown) {
  const actual = typeOf(value);
  return expected === actual || (expected === "number" && actual === "integer");
}

export function checkJsonSchema(schema: Schema, value: unknown, root: Schema, path = "$"): string[] {
  for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) return [`${path}: unsupported keyword ${keyword}`];
  if (schema.$ref) {
    const target = (schema.$ref as string)
      .replace(/^#\//, "")
      .split("/")
      .reduce((node: any, part) => node?.[part], root);
    if (!target) return [`${path}: unresolved $ref ${schema.$ref}`];
    return checkJsonSchema(target, value, root, path);
  }
  const errors: string[] = [];
  const fail = (message: string) => errors.push(`${path}: ${message}`);
  const types: string[] | undefined = schema.type === undefined ? undefined : [schema.type].flat();
  if (types && !types.some((type) => typeMatches(type, value))) return [`${path}: expected ${types.join("|")}, got ${typeOf(value)}`];
  if (schema.enum && !schema.enum.includes(value)) fail(`${JSON.stringify(value)} not in enum`);
  if ("const" in schema && schema.const !== value) fail(`expected const ${JSON.stringify(schema.const)}`);
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) fail(`${JSON.stringify(value)} does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) fail("too short");
    if (schema.maxLength !== undefined && value.length > schema.maxLength) fail("too long");
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) fail("below minimum");
    if (schema.maximum !== undefined && value > schema.maximum) fail("above maximum");
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail("too few items");
    if (schema.maxItems !== undefined && value.length > schema.maxItems) fail("too many items");
    if (schema.items) value.forEach((item, index) => errors.push(...checkJsonSchema(schema.items, item, root, `${path}[${index}]`)));
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) fail(`missing required ${key}`);
    for (const [key, item] of Object.entries(object)) {
      const propertySchema = schema.properties?.[key];
      if (propertySchema) errors.push(...checkJsonSchema(propertySchema, item, root, `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unexpected property ${key}`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object")
        errors.push(...checkJsonSchema(schema.additionalProperties, item, root, `${path}.${key}`));
    }
  }
  const passing = (list: Schema[]) => list.filter((option) => checkJsonSchema(option, value, root, path).length === 0).length;
  if (schema.anyOf && passing(schema.anyOf) === 0) fail("matches no anyOf option");
  if (schema.oneOf && passing(schema.oneOf) !== 1) fail("does not match exactly one oneOf option");
  if (schema.allOf) for (const option of schema.allOf) errors.push(...checkJsonSchema(option, value, root, path));
  return errors;
}
