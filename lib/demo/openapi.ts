// OpenAPI 3.1 document of the built-in demo upstream (lib/demo/upstream.ts), as seeded.
// Its server is the gateway, so "try it" calls are authenticated, metered and rate-limited.

const problem = { $ref: "#/components/responses/Problem" };

export function demoOpenApi(gatewayOrigin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Demo API",
      version: "1.0.0",
      description: "Endpoints served by Tollgate itself, to try keys, plans, errors, refunds and streaming through the gateway.",
    },
    servers: [{ url: `${gatewayOrigin}/api/gateway/demo`, description: "Tollgate gateway" }],
    security: [{ bearerKey: [] }, { headerKey: [] }],
    paths: {
      "/echo": {
        summary: "Echo the request",
        description: "Any method. Answers with what the upstream received, so you can see exactly what the gateway forwarded.",
        get: {
          operationId: "echoGet",
          tags: ["echo"],
          summary: "Echo a GET",
          responses: { "200": { $ref: "#/components/responses/Echo" } },
        },
        post: {
          operationId: "echoPost",
          tags: ["echo"],
          summary: "Echo a POST",
          requestBody: { $ref: "#/components/requestBodies/Any" },
          responses: { "200": { $ref: "#/components/responses/Echo" } },
        },
        put: {
          operationId: "echoPut",
          tags: ["echo"],
          summary: "Echo a PUT",
          requestBody: { $ref: "#/components/requestBodies/Any" },
          responses: { "200": { $ref: "#/components/responses/Echo" } },
        },
        patch: {
          operationId: "echoPatch",
          tags: ["echo"],
          summary: "Echo a PATCH",
          requestBody: { $ref: "#/components/requestBodies/Any" },
          responses: { "200": { $ref: "#/components/responses/Echo" } },
        },
        delete: {
          operationId: "echoDelete",
          tags: ["echo"],
          summary: "Echo a DELETE",
          responses: { "200": { $ref: "#/components/responses/Echo" } },
        },
      },
      "/echo/{rest}": {
        summary: "Echo the request, any sub-path",
        parameters: [
          {
            name: "rest",
            in: "path",
            required: true,
            description: "Any path; it may contain further slashes.",
            schema: { type: "string" },
          },
        ],
        get: {
          operationId: "echoPathGet",
          tags: ["echo"],
          summary: "Echo a GET on a sub-path",
          responses: { "200": { $ref: "#/components/responses/Echo" } },
        },
        post: {
          operationId: "echoPathPost",
          tags: ["echo"],
          summary: "Echo a POST on a sub-path",
          requestBody: { $ref: "#/components/requestBodies/Any" },
          responses: { "200": { $ref: "#/components/responses/Echo" } },
        },
      },
      "/quote": {
        get: {
          operationId: "getQuote",
          tags: ["quotes"],
          summary: "A random public-domain quote",
          parameters: [
            {
              name: "id",
              in: "query",
              required: false,
              description: "Pick one quote instead of a random one.",
              schema: { type: "integer", minimum: 1 },
            },
          ],
          responses: {
            "200": { description: "A quote", content: { "application/json": { schema: { $ref: "#/components/schemas/Quote" } } } },
            "400": problem,
            "404": problem,
          },
        },
      },
      "/status/{code}": {
        get: {
          operationId: "getStatus",
          tags: ["errors"],
          summary: "Answer with the given HTTP status",
          description: "Try how your client and the gateway handle errors: by default a 5xx from the upstream is refunded.",
          parameters: [{ name: "code", in: "path", required: true, schema: { type: "integer", minimum: 200, maximum: 599 } }],
          responses: {
            default: {
              description: "The requested status with a small JSON body (none for 204, 205 and 304)",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Status" } } },
            },
            "400": problem,
          },
        },
      },
      "/stream": {
        get: {
          operationId: "getStream",
          tags: ["streaming"],
          summary: "Server-sent events",
          description: 'Emits `count` events `data: {"n":i}`, `intervalMs` apart, then closes.',
          parameters: [
            { name: "count", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 50, default: 5 } },
            { name: "intervalMs", in: "query", required: false, schema: { type: "integer", minimum: 0, maximum: 2000, default: 200 } },
          ],
          responses: {
            "200": { description: "An event stream", content: { "text/event-stream": { schema: { type: "string" } } } },
            "400": problem,
          },
        },
      },
      "/delay": {
        get: {
          operationId: "getDelay",
          tags: ["errors"],
          summary: "Answer after a delay",
          description:
            "Waits `ms` milliseconds, to try timeouts: a call slower than the API's upstream timeout ends in 504 and is not charged.",
          parameters: [
            { name: "ms", in: "query", required: false, schema: { type: "integer", minimum: 0, maximum: 30000, default: 1000 } },
          ],
          responses: {
            "200": { description: "Waited", content: { "application/json": { schema: { $ref: "#/components/schemas/Delay" } } } },
            "400": problem,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerKey: { type: "http", scheme: "bearer", description: "Your team's API key: `Authorization: Bearer tg_…`" },
        headerKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "Your team's API key in a header" },
      },
      requestBodies: {
        Any: { required: false, content: { "application/json": { schema: {} }, "text/plain": { schema: { type: "string" } } } },
      },
      responses: {
        Echo: {
          description: "What the upstream received",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Echo" } } },
        },
        Problem: {
          description: "A problem (RFC 9457)",
          content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
        },
      },
      schemas: {
        Echo: {
          type: "object",
          required: ["method", "path", "query", "headers", "body", "bodyTruncated", "receivedAt"],
          properties: {
            method: { type: "string" },
            path: { type: "string" },
            query: { type: "object", additionalProperties: { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] } },
            headers: {
              type: "object",
              additionalProperties: { type: "string" },
              description: "Without cookies; credentials are redacted.",
            },
            body: { type: ["string", "null"], description: "The body as text, at most 64 KiB" },
            bodyTruncated: { type: "boolean" },
            receivedAt: { type: "string", format: "date-time" },
          },
        },
        Quote: {
          type: "object",
          required: ["id", "text", "author"],
          properties: { id: { type: "integer" }, text: { type: "string" }, author: { type: "string" } },
        },
        Status: { type: "object", required: ["status", "reason"], properties: { status: { type: "integer" }, reason: { type: "string" } } },
        Delay: {
          type: "object",
          required: ["delayedMs", "startedAt", "finishedAt"],
          properties: {
            delayedMs: { type: "integer" },
            startedAt: { type: "string", format: "date-time" },
            finishedAt: { type: "string", format: "date-time" },
          },
        },
        Problem: {
          type: "object",
          required: ["type", "title", "status"],
          properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" } },
        },
      },
    },
  };
}
