// GET /api/v1/ai/providers - list AI providers; POST - register one (admin).
import { createAiProviderOperation, listAiProvidersOperation } from "@/lib/management/operations/ai-providers";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(listAiProvidersOperation);
export const POST = managementRoute(createAiProviderOperation);
