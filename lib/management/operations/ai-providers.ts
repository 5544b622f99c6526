// AI provider operations of the management API (admin token only).
import { createProviderSchema, updateProviderSchema } from "@/lib/ai/registry/provider-schemas";
import { createProvider } from "@/lib/ai/registry/create-provider";
import { deleteProvider } from "@/lib/ai/registry/delete-provider";
import { getProvider, listProviders } from "@/lib/ai/registry/get-provider";
import { testProviderConnection } from "@/lib/ai/registry/test-provider-connection";
import { updateProvider } from "@/lib/ai/registry/update-provider";
import { defineOperation } from "@/lib/management/define-operation";
import {
  aiProviderListSchema,
  aiProviderSchema,
  connectionTestSchema,
  toAiProviderResponse,
  toConnectionTestResponse,
} from "@/lib/management/schemas/ai-providers";

export const listAiProvidersOperation = defineOperation({
  operationId: "listAiProviders",
  method: "GET",
  path: "/api/v1/ai/providers",
  tag: "AI providers",
  summary: "List AI providers",
  description:
    "Every provider with its settings and the models deployed on it. Keys and extra headers are never returned, only whether they are set.",
  access: "admin",
  response: { status: 200, description: "The providers, by name", schema: aiProviderListSchema },
  run: async () => ({ data: (await listProviders()).map(toAiProviderResponse) }),
});

export const createAiProviderOperation = defineOperation({
  operationId: "createAiProvider",
  method: "POST",
  path: "/api/v1/ai/providers",
  tag: "AI providers",
  summary: "Register an AI provider",
  description:
    "The base URL must be an http(s) URL on a public address (unless the server allows private upstreams). `apiKey` and `extraHeaders` are stored encrypted and never returned; the audit log records only that they were set. `slug` defaults to one made from the name.",
  access: "admin",
  body: createProviderSchema,
  response: { status: 201, description: "The provider", schema: aiProviderSchema },
  errors: ["conflict"],
  run: async ({ actor, body, requestId }) => toAiProviderResponse(await createProvider(body, actor, requestId)),
});

export const getAiProviderOperation = defineOperation({
  operationId: "getAiProvider",
  method: "GET",
  path: "/api/v1/ai/providers/{id}",
  tag: "AI providers",
  summary: "Get an AI provider",
  description: "`{id}` is the provider's id or slug. The key and extra headers are shown only as `hasApiKey` and `hasExtraHeaders`.",
  access: "admin",
  response: { status: 200, description: "The provider", schema: aiProviderSchema },
  errors: ["not_found"],
  run: async ({ params }) => toAiProviderResponse(await getProvider(params.id)),
});

export const updateAiProviderOperation = defineOperation({
  operationId: "updateAiProvider",
  method: "PATCH",
  path: "/api/v1/ai/providers/{id}",
  tag: "AI providers",
  summary: "Change an AI provider",
  description:
    "Only the fields sent change. A new `apiKey` replaces the stored one and `null` clears it; `extraHeaders` replaces every stored header and `null` clears them. The gateway uses the new settings from the next call, on every instance.",
  access: "admin",
  body: updateProviderSchema,
  response: { status: 200, description: "The provider", schema: aiProviderSchema },
  errors: ["not_found"],
  run: async ({ actor, body, params, requestId }) => toAiProviderResponse(await updateProvider(params.id, body, actor, requestId)),
});

export const deleteAiProviderOperation = defineOperation({
  operationId: "deleteAiProvider",
  method: "DELETE",
  path: "/api/v1/ai/providers/{id}",
  tag: "AI providers",
  summary: "Delete an AI provider",
  description: "Refused with 409 while any model is deployed on the provider: remove those deployments first.",
  access: "admin",
  response: { status: 200, description: "The deleted provider", schema: aiProviderSchema },
  errors: ["not_found", "conflict"],
  run: async ({ actor, params, requestId }) => toAiProviderResponse(await deleteProvider(params.id, actor, requestId)),
});

export const testAiProviderOperation = defineOperation({
  operationId: "testAiProvider",
  method: "POST",
  path: "/api/v1/ai/providers/{id}/test",
  tag: "AI providers",
  summary: "Test the connection to an AI provider",
  description:
    "Lists the provider's models the way the gateway reaches it (OpenAI kind: GET {baseUrl}/models with the bearer key; Anthropic kind: GET {baseUrl}/v1/models with x-api-key). Answers 200 either way: `ok` with the model ids, or `failure` and a `message` saying what failed (DNS, refused, timeout, TLS, 401, not JSON…). The message never contains the key.",
  access: "admin",
  response: { status: 200, description: "The outcome of the test", schema: connectionTestSchema },
  errors: ["not_found"],
  run: async ({ params }) => toConnectionTestResponse(await testProviderConnection(params.id)),
});
