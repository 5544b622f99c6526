// zod -> JSON Schema components. Request schemas are converted as inputs (fields with defaults are
// optional), responses as outputs (`additionalProperties: false`: nothing undocumented goes out).
import { z } from "zod";
import type { OperationSpec } from "@/lib/management/define-operation";
import { NAMED_OUTPUT_SCHEMAS } from "@/lib/management/openapi/schema-names";

export type JsonSchema = Record<string, unknown>;

const ref = (id: string) => `#/components/schemas/${id}`;
const pascal = (operationId: string) => operationId[0]!.toUpperCase() + operationId.slice(1);

/** Drops the per-schema `$schema`/`$id` that z.toJSONSchema adds; the document's dialect is 2020-12 already. */
export function cleanSchema({ $schema: _schema, $id: _id, ...schema }: JsonSchema): JsonSchema {
  return schema;
}

export function toInlineSchema(schema: z.ZodType): JsonSchema {
  return cleanSchema(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema);
}

export type ComponentNames = { request: Map<OperationSpec, string>; response: Map<OperationSpec, string> };

export function buildComponentSchemas(operations: readonly OperationSpec[]): {
  schemas: Record<string, JsonSchema>;
  names: ComponentNames;
} {
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  const names: ComponentNames = { request: new Map(), response: new Map() };
  for (const [schema, id] of NAMED_OUTPUT_SCHEMAS) outputs.add(schema, { id });

  for (const operation of operations) {
    if (operation.body) {
      inputs.add(operation.body, { id: `${pascal(operation.operationId)}Request` });
      names.request.set(operation, `${pascal(operation.operationId)}Request`);
    }
    const response = operation.response.schema;
    if (!outputs.has(response)) outputs.add(response, { id: `${pascal(operation.operationId)}Response` });
    names.response.set(operation, outputs.get(response)!.id);
  }

  const convert = (registry: typeof inputs, io: "input" | "output") =>
    (z.toJSONSchema(registry, { io, uri: ref, unrepresentable: "any" }) as { schemas: Record<string, JsonSchema> }).schemas;
  const all = { ...convert(inputs, "input"), ...convert(outputs, "output") };
  return { schemas: Object.fromEntries(Object.entries(all).map(([id, schema]) => [id, cleanSchema(schema)])), names };
}

export const schemaRef = (id: string) => ({ $ref: ref(id) });
