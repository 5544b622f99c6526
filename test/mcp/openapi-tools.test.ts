// Tools from OpenAPI documents, without a server: names (legal, unique, cut at 64), $refs through
// parameters and bodies, cycles through several schemas, OpenAPI 3.0 keywords, the node budget.
import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020.js";
import { buildApiTools } from "@/lib/mcp/openapi-tools";
import { toJsonSchema } from "@/lib/mcp/json-schema";
import { TOOL_NAME_PATTERN } from "@/lib/mcp/tool-names";

const api = { slug: "shop", name: "Shop", summary: "" };
const ajv = new Ajv2020({ strict: true, strictTypes: false, validateFormats: false });

describe("buildApiTools", () => {
  it("names tools legally and uniquely, however the operationIds look", () => {
    const long = "x".repeat(100);
    const document = {
      openapi: "3.0.3",
      paths: {
        "/a": { get: { operationId: "list items!" }, post: { operationId: "list-items?" } },
        "/b": { get: { operationId: long }, post: { operationId: `${long}y` } },
        "/c/{id}/ünïcode": { get: {} },
      },
    };
    const names = buildApiTools(api, document).map((tool) => tool.definition.name);
    expect(names).toEqual([
      "shop_list_items",
      "shop_list-items",
      `shop_${"x".repeat(59)}`,
      `shop_${"x".repeat(57)}_2`,
      "shop_get_c_id_n_code",
    ]);
    for (const name of names) expect(name).toMatch(TOOL_NAME_PATTERN);
  });

  it("resolves $refs of parameters and bodies, cuts cycles and rewrites OpenAPI 3.0 keywords", () => {
    const document = {
      openapi: "3.0.3",
      paths: {
        "/pets/{petId}": {
          patch: {
            operationId: "updatePet",
            parameters: [{ $ref: "#/components/parameters/PetId" }, { name: "dryRun", in: "query", schema: { type: "boolean" } }],
            requestBody: { $ref: "#/components/requestBodies/Pet" },
            responses: { "200": { $ref: "#/components/responses/Pets" } },
          },
        },
      },
      components: {
        parameters: {
          PetId: { name: "petId", in: "path", required: true, schema: { type: "integer", minimum: 0, exclusiveMinimum: true } },
        },
        requestBodies: { Pet: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } } },
        responses: {
          Pets: {
            description: "",
            content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Pet" } } } },
          },
        },
        schemas: {
          Pet: {
            type: "object",
            properties: {
              name: { type: "string", nullable: true, example: "Rex", xml: { name: "n" } },
              owner: { $ref: "#/components/schemas/Owner" },
            },
          },
          Owner: { type: "object", properties: { pets: { type: "array", items: { $ref: "#/components/schemas/Pet" } } } },
        },
      },
    };
    const [tool] = buildApiTools(api, document);
    const { inputSchema, outputSchema, annotations } = tool!.definition;
    expect(inputSchema.required).toEqual(["petId", "body"]);
    expect(inputSchema.properties).toMatchObject({ petId: { type: "integer", exclusiveMinimum: 0 }, dryRun: { type: "boolean" } });
    const pet = (inputSchema.properties as any).body;
    expect(pet.properties.name).toEqual({ type: ["string", "null"], examples: ["Rex"] });
    expect(pet.properties.owner.properties.pets.items.description).toMatch(/Recursive Pet/);
    // An array answer travels as { result }; errors share the schema.
    expect((outputSchema as any).anyOf[0]).toMatchObject({
      type: "object",
      properties: { result: { type: "array" } },
      required: ["result"],
    });
    expect(tool!.binding).toMatchObject({ kind: "operation", method: "PATCH", wrapsResult: true });
    expect(annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    expect(() => ajv.compile(inputSchema)).not.toThrow();
    expect(() => ajv.compile(outputSchema!)).not.toThrow();
  });

  it("keeps a schema that refers to itself a thousand ways within the node budget", () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 30; i++) {
      schemas[`S${i}`] = {
        type: "object",
        properties: { a: { $ref: `#/components/schemas/S${i + 1}` }, b: { $ref: `#/components/schemas/S${i + 1}` } },
      };
    }
    schemas.S30 = { type: "string" };
    const schema = toJsonSchema({ components: { schemas } }, { $ref: "#/components/schemas/S0" });
    expect(JSON.stringify(schema).length).toBeLessThan(400_000);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it("gives an API without a document, or without operations, one generic tool", () => {
    for (const document of [null, { openapi: "3.1.0", paths: {} }]) {
      const tools = buildApiTools(api, document);
      expect(tools.map((tool) => tool.definition.name)).toEqual(["shop_request"]);
      expect(tools[0]!.binding).toEqual({ kind: "generic", apiSlug: "shop" });
    }
  });

  it("refers to nothing outside the document", () => {
    const schema = toJsonSchema({}, { $ref: "https://example.com/schema.json" });
    expect(schema.description).toMatch(/not in the API's document/);
  });
});
