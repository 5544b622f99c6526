// GET /api/v1/apis - list the APIs the caller may see; POST /api/v1/apis - create an API with its plans (admin).
import { createApiOperation, listApisOperation } from "@/lib/management/operations/apis";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(listApisOperation);
export const POST = managementRoute(createApiOperation);
