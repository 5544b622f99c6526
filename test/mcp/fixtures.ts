// An OpenAPI document for the test upstream (test/support/upstream-server.ts): operations with query,
// header and path parameters, a JSON body whose schema refers to itself, a DELETE and a PUT.
import { db } from "@/lib/db";
import { createGatewayFixture, type GatewayFixtureOptions } from "../support/gateway-factories";

export const ECHO_DOCUMENT = {
  openapi: "3.1.0",
  info: { title: "Echo", version: "1.0.0" },
  paths: {
    "/echo": {
      get: {
        operationId: "echoGet",
        summary: "Echo a GET",
        description: "Answers with what it received.",
        parameters: [
          { name: "q", in: "query", description: "anything", schema: { type: "string" } },
          { name: "X-Trace", in: "header", schema: { type: "string" } },
          { name: "Authorization", in: "header", schema: { type: "string" } },
        ],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Echo" } } } } },
      },
      post: {
        operationId: "echoPost",
        summary: "Echo a tree",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } } },
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Echo" } } } } },
      },
    },
    "/status/{code}": {
      get: {
        operationId: "status",
        summary: "Answer with a status",
        parameters: [{ name: "code", in: "path", required: true, schema: { type: "integer", minimum: 100, maximum: 599 } }],
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { type: "object", properties: { status: { type: "integer" } } } } },
          },
        },
      },
    },
    "/items/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      delete: { summary: "Delete an item", responses: { "204": { description: "gone" } } },
      put: {
        summary: "Replace an item",
        requestBody: { content: { "application/json": { schema: { type: "object", nullable: true, example: { a: 1 } } } } },
        responses: { "200": { description: "ok" } },
      },
    },
  },
  components: {
    schemas: {
      Echo: {
        type: "object",
        properties: { method: { type: "string" }, url: { type: "string" }, headers: { type: "object" }, body: { type: "string" } },
        required: ["method", "url"],
      },
      Node: {
        type: "object",
        properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
        required: ["name"],
      },
    },
  },
};

/** A funded team subscribed to an API on the test upstream that publishes ECHO_DOCUMENT (or none). */
export async function createMcpFixture(options: GatewayFixtureOptions & { document?: object | null }) {
  const fixture = await createGatewayFixture(options);
  if (options.document !== null) {
    await db.api.update({ where: { id: fixture.api.id }, data: { openapi: options.document ?? ECHO_DOCUMENT } });
  }
  return fixture;
}
