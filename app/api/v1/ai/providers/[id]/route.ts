// GET/PATCH/DELETE /api/v1/ai/providers/{id} - one AI provider by id or slug (admin).
import { deleteAiProviderOperation, getAiProviderOperation, updateAiProviderOperation } from "@/lib/management/operations/ai-providers";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(getAiProviderOperation);
export const PATCH = managementRoute(updateAiProviderOperation);
export const DELETE = managementRoute(deleteAiProviderOperation);
