// GET/PATCH/DELETE /api/v1/ai/models/{model} - one AI model by public id (admin).
import { deleteAiModelOperation, getAiModelOperation, updateAiModelOperation } from "@/lib/management/operations/ai-models";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(getAiModelOperation);
export const PATCH = managementRoute(updateAiModelOperation);
export const DELETE = managementRoute(deleteAiModelOperation);
