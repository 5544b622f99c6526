// POST /api/v1/ai/models/{model}/deployments - add a deployment to a model (admin).
import { addAiDeploymentOperation } from "@/lib/management/operations/ai-models";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const POST = managementRoute(addAiDeploymentOperation);
