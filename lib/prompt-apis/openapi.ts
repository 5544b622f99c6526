// The OpenAPI 3.1 document of a Prompt API, generated from its definition: one operation (POST /)
// whose request body is the variables' JSON Schema and whose answer is `{output, model, usage}`
// (output: text, or the output schema), with the streamed form, the problems a call can meet and
// the key schemes. It passes the same validator as uploaded documents (lib/catalog/openapi-document.ts),
// so the catalog page, the reference, try-it, the MCP server and the management API use it unchanged.
import type { PromptDefinition } from "@/lib/prompt-apis/definition-schema";
import { variablesJsonSchema } from "@/lib/prompt-apis/variables";

export type PromptApiDescription = { slug: string; name: string; summary: string; description: string; version: string };

const problem = (description: string, ref = "Problem") => ({
  description,
  content: { "application/problem+json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});

/** `summarise-text` -> `summarise_text`: a name MCP clients and code generators accept as is. */
const operationIdOf = (slug: string) => slug.replace(/-/g, "_");

export function promptApiOpenApiDocument(api: PromptApiDescription, definition: PromptDefinition): Record<string, unknown> {
  const output = definition.outputSchema
    ? { ...withoutDialect(definition.outputSchema), description: "The model's answer, validated against the API's output schema" }
    : { type: "string", description: "The model's answer" };
  const money = { type: "string", pattern: "^-?\\d+\\.\\d{6}$", description: "Amount in the platform currency, six decimals" };
  const header = (description: string) => ({ description, schema: { type: "string" } });
  return {
    openapi: "3.1.0",
    info: {
      title: api.name,
      version: api.version,
      ...(api.summary ? { summary: api.summary } : {}),
      description: api.description || api.summary || `${api.name}: a prompt served by a model.`,
    },
    paths: {
      "/": {
        post: {
          operationId: operationIdOf(api.slug),
          summary: api.summary || api.name,
          description: `Runs the prompt with the variables in the body and answers the model's output. With \`Accept: text/event-stream\` the answer streams as server-sent events: \`delta\` events with \`{"text"}\`${definition.outputSchema ? " (an API with an output schema sends the validated output in one `output` event)" : ""}, then \`done\` with the model, usage and cost.`,
          security: [{ bearerKey: [] }, { apiKeyHeader: [] }],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Variables" } } } },
          responses: {
            "200": {
              description: "The output, the model that wrote it and the tokens it took",
              headers: {
                "X-Request-Id": header("The call's request id"),
                "X-Credit-Charged": header("What the call cost"),
                "X-Credit-Balance": header("The team's credit after the call"),
                "X-Prompt-Version": header("The version of the prompt that served the call"),
              },
              content: {
                "application/json": { schema: { $ref: "#/components/schemas/Answer" } },
                "text/event-stream": { schema: { type: "string", description: "Server-sent events: delta…, done (or error)" } },
              },
            },
            "400": problem("The body is not JSON"),
            "401": problem("No key, or an unknown, revoked or expired key"),
            "402": problem("The team's credit (or the key's spend cap) does not cover the call", "PaymentProblem"),
            "403": problem("The key is not scoped to this API, or the team is not subscribed"),
            "404": problem("No such API"),
            "413": problem("The body is larger than the plan allows"),
            "422": problem("Variables missing or invalid: `errors` has a message per variable", "ValidationProblem"),
            "429": problem("Rate limit reached: see Retry-After"),
            "502": problem(
              "The model was unavailable, or its answer did not match the output schema (`invalid_model_output`); not charged",
            ),
            "504": problem("The model did not answer in time; not charged"),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerKey: { type: "http", scheme: "bearer", description: "A team API key: `Authorization: Bearer tg_live_…`" },
        apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key", description: "A team API key" },
      },
      schemas: {
        Variables: variablesJsonSchema(definition.variables),
        Answer: {
          type: "object",
          properties: {
            output,
            model: { type: "string", description: "The public id of the model that answered" },
            usage: {
              type: "object",
              properties: {
                inputTokens: { type: "integer", minimum: 0 },
                cachedInputTokens: { type: "integer", minimum: 0 },
                outputTokens: { type: "integer", minimum: 0 },
              },
              required: ["inputTokens", "cachedInputTokens", "outputTokens"],
            },
          },
          required: ["output", "model", "usage"],
        },
        Problem: {
          type: "object",
          description: "RFC 9457 problem details",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            code: { type: "string" },
            requestId: { type: "string" },
          },
          required: ["type", "title", "status", "detail", "code", "requestId"],
        },
        ValidationProblem: {
          allOf: [
            { $ref: "#/components/schemas/Problem" },
            { type: "object", properties: { errors: { type: "object", additionalProperties: { type: "string" } } } },
          ],
        },
        PaymentProblem: {
          allOf: [
            { $ref: "#/components/schemas/Problem" },
            {
              type: "object",
              properties: { balance: money, price: money, currency: { type: "string" }, topUpUrl: { type: "string" } },
            },
          ],
        },
      },
    },
  };
}

/** A JSON Schema as it goes into the document: OpenAPI 3.1 sets the dialect itself. */
function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}
