// A Prompt API call as the canonical chat request the AI core sends: the rendered system prompt and
// user message, the temperature and output cap of the definition, and, with an output schema,
// structured output: `json_schema` when the model supports JSON output, otherwise the schema spelled
// out in the system prompt (the answer is validated either way before anyone is charged).
import type { ChatCompletionRequest } from "@/lib/ai/openai/chat-request";
import type { PromptDefinition } from "@/lib/prompt-apis/definition-schema";
import { renderTemplate } from "@/lib/prompt-apis/template";

export function promptChatRequest(
  definition: PromptDefinition,
  values: Readonly<Record<string, string>>,
  model: { publicId: string; supportsJsonOutput: boolean },
  stream: boolean,
): ChatCompletionRequest {
  const schema = definition.outputSchema;
  let system = renderTemplate(definition.systemPrompt, values);
  if (schema && !model.supportsJsonOutput) {
    const instruction = `Answer with one JSON value, and nothing else, that matches this JSON Schema:\n${JSON.stringify(schema)}`;
    system = system ? `${system}\n\n${instruction}` : instruction;
  }
  const messages: ChatCompletionRequest["messages"] = [
    ...(system.trim() ? [{ role: "system" as const, content: system }] : []),
    { role: "user" as const, content: renderTemplate(definition.userTemplate, values) },
  ];
  return {
    model: model.publicId,
    messages,
    max_tokens: definition.maxOutputTokens,
    ...(definition.temperature !== null ? { temperature: definition.temperature } : {}),
    ...(schema && model.supportsJsonOutput
      ? { response_format: { type: "json_schema" as const, json_schema: { name: "output", schema, strict: false } } }
      : {}),
    stream,
  };
}
