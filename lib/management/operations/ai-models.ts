// AI model and deployment operations of the management API (admin token only).
import { createModelSchema, deploymentInputSchema, updateDeploymentSchema, updateModelSchema } from "@/lib/ai/registry/model-schemas";
import { createModel } from "@/lib/ai/registry/create-model";
import { deleteModel } from "@/lib/ai/registry/delete-model";
import { addDeployment, removeDeployment, updateDeployment } from "@/lib/ai/registry/deployments";
import { getModel, listModels } from "@/lib/ai/registry/get-model";
import { updateModel } from "@/lib/ai/registry/update-model";
import { defineOperation } from "@/lib/management/define-operation";
import { aiModelListSchema, aiModelSchema, toAiModelResponse } from "@/lib/management/schemas/ai-models";

const MODEL_PATH_NOTE = "`{model}` is the public id; percent-encode a `/` in it as `%2F`.";

export const listAiModelsOperation = defineOperation({
  operationId: "listAiModels",
  method: "GET",
  path: "/api/v1/ai/models",
  tag: "AI models",
  summary: "List AI models",
  description: "Every model of the registry, published or not, with prices per 1M tokens, deployments and the AI APIs that publish it.",
  access: "admin",
  response: { status: 200, description: "The models, by public id", schema: aiModelListSchema },
  run: async () => ({ data: (await listModels()).map(toAiModelResponse) }),
});

export const createAiModelOperation = defineOperation({
  operationId: "createAiModel",
  method: "POST",
  path: "/api/v1/ai/models",
  tag: "AI models",
  summary: "Register an AI model",
  description:
    "Prices are decimal strings per 1,000,000 tokens (0 to 10000); `cachedInputPrice` defaults to the input price. A chat model needs `maxOutputTokens` (at most the context window) and an `outputPrice`. Deployments name their provider by id or slug. Teams reach the model once an AI API publishes it.",
  access: "admin",
  body: createModelSchema,
  response: { status: 201, description: "The model", schema: aiModelSchema },
  errors: ["conflict"],
  run: async ({ actor, body, requestId }) => toAiModelResponse(await createModel(body, actor, requestId)),
});

export const getAiModelOperation = defineOperation({
  operationId: "getAiModel",
  method: "GET",
  path: "/api/v1/ai/models/{model}",
  tag: "AI models",
  summary: "Get an AI model",
  description: MODEL_PATH_NOTE,
  access: "admin",
  response: { status: 200, description: "The model", schema: aiModelSchema },
  errors: ["not_found"],
  run: async ({ params }) => toAiModelResponse(await getModel(params.model)),
});

export const updateAiModelOperation = defineOperation({
  operationId: "updateAiModel",
  method: "PATCH",
  path: "/api/v1/ai/models/{model}",
  tag: "AI models",
  summary: "Change an AI model",
  description: `${MODEL_PATH_NOTE} Only the fields sent change; the public id is fixed. New prices and limits apply from the next call, on every instance.`,
  access: "admin",
  body: updateModelSchema,
  response: { status: 200, description: "The model", schema: aiModelSchema },
  errors: ["not_found"],
  run: async ({ actor, body, params, requestId }) => toAiModelResponse(await updateModel(params.model, body, actor, requestId)),
});

export const deleteAiModelOperation = defineOperation({
  operationId: "deleteAiModel",
  method: "DELETE",
  path: "/api/v1/ai/models/{model}",
  tag: "AI models",
  summary: "Delete an AI model",
  description: `${MODEL_PATH_NOTE} Deletes its deployments too. Refused with 409 while an API publishes the model: remove it from those APIs first.`,
  access: "admin",
  response: { status: 200, description: "The deleted model", schema: aiModelSchema },
  errors: ["not_found", "conflict"],
  run: async ({ actor, params, requestId }) => toAiModelResponse(await deleteModel(params.model, actor, requestId)),
});

export const addAiDeploymentOperation = defineOperation({
  operationId: "addAiDeployment",
  method: "POST",
  path: "/api/v1/ai/models/{model}/deployments",
  tag: "AI models",
  summary: "Add a deployment to an AI model",
  description: `${MODEL_PATH_NOTE} A deployment is a provider (id or slug) and the provider's model name. Calls try deployments by priority (lower first), by weight among equals, and fall back to the next on a connect error, timeout, 429 or 5xx.`,
  access: "admin",
  body: deploymentInputSchema,
  response: { status: 201, description: "The model with its deployments", schema: aiModelSchema },
  errors: ["not_found"],
  run: async ({ actor, body, params, requestId }) => toAiModelResponse(await addDeployment(params.model, body, actor, requestId)),
});

export const updateAiDeploymentOperation = defineOperation({
  operationId: "updateAiDeployment",
  method: "PATCH",
  path: "/api/v1/ai/models/{model}/deployments/{id}",
  tag: "AI models",
  summary: "Change a deployment's weight, priority or state",
  description: `${MODEL_PATH_NOTE} Only the fields sent change. A disabled deployment stays registered but gets no calls; an AI API cannot be published while none of its models has an enabled deployment. The next call on every instance routes by the new settings.`,
  access: "admin",
  body: updateDeploymentSchema,
  response: { status: 200, description: "The model with its deployments", schema: aiModelSchema },
  errors: ["not_found"],
  run: async ({ actor, body, params, requestId }) =>
    toAiModelResponse(await updateDeployment(params.model, params.id, body, actor, requestId)),
});

export const removeAiDeploymentOperation = defineOperation({
  operationId: "removeAiDeployment",
  method: "DELETE",
  path: "/api/v1/ai/models/{model}/deployments/{id}",
  tag: "AI models",
  summary: "Remove a deployment from an AI model",
  description: `${MODEL_PATH_NOTE} A model without deployments stays registered, but calls to it fail with 502 until one is added.`,
  access: "admin",
  response: { status: 200, description: "The model with its remaining deployments", schema: aiModelSchema },
  errors: ["not_found"],
  run: async ({ actor, params, requestId }) => toAiModelResponse(await removeDeployment(params.model, params.id, actor, requestId)),
});
