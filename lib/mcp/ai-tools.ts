// An AI API as a tool: one chat tool per API that takes a model of the API, the messages and an
// optional output limit. It runs through the AI gateway core (lib/ai: the key's scopes and model
// allowances, the reservation, the exact settle on the tokens, the usage event), not streamed.
import { TOOL_ERROR_SCHEMA, type Tool } from "@/lib/mcp/tool-model";
import { toolNameFor } from "@/lib/mcp/tool-names";
import type { ApiModelView } from "@/lib/ai/registry/list-api-models";
import type { ToolApi } from "@/lib/mcp/openapi-tools";

export const AI_CHAT_MAX_MESSAGES = 50;
export const AI_CHAT_MAX_TEXT = 100_000;

export function buildAiChatTool(api: ToolApi, models: ApiModelView[]): Tool {
  const chat = models.filter((model) => model.kind === "CHAT");
  const name = toolNameFor(api.slug, "chat", "", "");
  const title = `Chat with ${api.name}`;
  const listed = chat.map((model) => `${model.publicId} (${model.displayName})`).join(", ");
  return {
    definition: {
      name,
      title,
      description:
        `${api.summary ? `${api.summary}\n\n` : ""}Sends a conversation to a chat model of ${api.name} and returns its answer` +
        `${listed ? `. Models: ${listed}` : ""}. Charged from your team's credit by the tokens used, at the model's prices.`,
      inputSchema: {
        type: "object",
        properties: {
          model: { type: "string", ...(chat.length ? { enum: chat.map((model) => model.publicId) } : {}), description: "the model's id" },
          messages: {
            type: "array",
            minItems: 1,
            maxItems: AI_CHAT_MAX_MESSAGES,
            items: {
              type: "object",
              properties: {
                role: { type: "string", enum: ["system", "user", "assistant"] },
                content: { type: "string", maxLength: AI_CHAT_MAX_TEXT },
              },
              required: ["role", "content"],
              additionalProperties: false,
            },
          },
          max_tokens: { type: "integer", minimum: 1, description: "most output tokens (the model's own limit when left out)" },
        },
        required: ["model", "messages"],
        additionalProperties: false,
      },
      outputSchema: {
        type: "object",
        anyOf: [
          {
            type: "object",
            properties: {
              model: { type: "string" },
              content: { type: "string" },
              finishReason: { type: ["string", "null"] },
              usage: {
                type: "object",
                properties: { inputTokens: { type: "integer" }, outputTokens: { type: "integer" } },
              },
            },
            required: ["model", "content"],
          },
          TOOL_ERROR_SCHEMA,
        ],
      },
      annotations: { title, readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    binding: { kind: "ai-chat", apiSlug: api.slug },
  };
}
