// GET /api/v1/apis/{slug}/versions - a Prompt API's saved versions (admin).
import { listPromptVersionsOperation } from "@/lib/management/operations/prompt-apis";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(listPromptVersionsOperation);
