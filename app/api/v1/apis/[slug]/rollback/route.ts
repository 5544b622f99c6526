// POST /api/v1/apis/{slug}/rollback - serve an earlier version of a Prompt API (admin).
import { rollbackPromptApiOperation } from "@/lib/management/operations/prompt-apis";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const POST = managementRoute(rollbackPromptApiOperation);
