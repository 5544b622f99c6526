// PATCH/DELETE /api/v1/ai/models/{model}/deployments/{id} - change (weight, priority, enabled) or remove a model's deployment (admin).
import { removeAiDeploymentOperation, updateAiDeploymentOperation } from "@/lib/management/operations/ai-models";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const PATCH = managementRoute(updateAiDeploymentOperation);
export const DELETE = managementRoute(removeAiDeploymentOperation);
