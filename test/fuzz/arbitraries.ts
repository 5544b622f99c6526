// Inputs for the property-based tests: text that breaks things (NUL, lone surrogates, encodings,
// injections, very long strings) and values shaped by a zod schema, then bent out of shape.
import fc from "fast-check";
import { z } from "zod";

/**
 * Cases per property: small in `npm test` (each fuzz file stays well under 20 s), larger under
 * `npm run fuzz` (FUZZ_RUNS, 1000 by default there).
 */
export const fuzzRuns = (inSuite: number): number => Number(process.env.FUZZ_RUNS) || inSuite;

/** A test's time limit that grows with its case count, so `npm run fuzz` is not cut off at 30 s. */
export const fuzzTimeout = (runs: number, msPerRun: number): number => 30_000 + runs * msPerRun;

const SPECIAL = [
  "\u0000",
  "\ud800",
  "\udfff",
  "\ufffd",
  "😀",
  "%00",
  "%ff",
  "%2e%2e",
  "../",
  "\\",
  "'",
  '"',
  "<script>",
  "\r\n",
  " ",
  "-",
  "",
  "1e309",
  "NaN",
];

/** One character of trouble or any code point. */
const nastyChar = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
);

/** Short strings built from nastyChar, sometimes very long ones. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: nastyChar, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 200, maxLength: 5000 }) },
);

/** Any JSON value, including text PostgreSQL cannot store. */
export const nastyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3, stringUnit: nastyChar });

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
};

/** Values a JSON Schema describes (enough of it for zod's output), or nastyText/nastyJson now and then. */
function fromJsonSchema(schema: JsonSchema, overrides: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const fitting = fittingValue(schema, overrides);
  return fc.oneof({ weight: 8, arbitrary: fitting }, { weight: 1, arbitrary: nastyText }, { weight: 1, arbitrary: nastyJson });
}

function fittingValue(schema: JsonSchema, overrides: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((branch) => fittingValue(branch, overrides)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  switch (schema.type) {
    case "string":
      return schema.pattern && schema.pattern.length < 200
        ? fc.stringMatching(new RegExp(schema.pattern))
        : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 80) });
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 });
    case "number":
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(fromJsonSchema(schema.items ?? {}, overrides), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case "object":
      return objectOf(schema, overrides);
    default:
      return nastyJson;
  }
}

function objectOf(schema: JsonSchema, overrides: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, field]) => [name, overrides[name] ?? fromJsonSchema(field, overrides)]),
  );
  const known = fc.record(fields, { requiredKeys: (schema.required ?? []).filter((name) => name in fields) });
  // Beyond the schema: fields it does not name, with any value.
  return fc
    .tuple(known, fc.dictionary(nastyText, nastyJson, { maxKeys: 2 }))
    .map(([object, extra]) => (Object.keys(extra).length ? { ...extra, ...object } : object));
}

/** Inputs for a zod schema: mostly what it accepts, sometimes not; `overrides` replace named fields anywhere in it. */
export function inputFor(schema: z.ZodType, overrides: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<unknown> {
  return fromJsonSchema(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema, overrides);
}
