// GET /api/v1/ai/models - list AI models; POST - register one with its deployments (admin).
import { createAiModelOperation, listAiModelsOperation } from "@/lib/management/operations/ai-models";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(listAiModelsOperation);
export const POST = managementRoute(createAiModelOperation);
