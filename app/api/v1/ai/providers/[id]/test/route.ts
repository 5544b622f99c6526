// POST /api/v1/ai/providers/{id}/test - list the provider's models, or say what failed (admin).
import { testAiProviderOperation } from "@/lib/management/operations/ai-providers";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const POST = managementRoute(testAiProviderOperation);
