// DELETE /api/v1/ai/models/{model}/deployments/{id} - remove a deployment from a model (admin).
import { removeAiDeploymentOperation } from "@/lib/management/operations/ai-models";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const DELETE = managementRoute(removeAiDeploymentOperation);
