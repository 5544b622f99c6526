// GET /api/v1/apis/{slug} - one API with its plans; PATCH /api/v1/apis/{slug} - change it (admin).
import { getApiOperation, updateApiOperation } from "@/lib/management/operations/apis";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(getApiOperation);
export const PATCH = managementRoute(updateApiOperation);
