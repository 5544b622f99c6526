// GET /api/v1/openapi.json - the OpenAPI 3.1 document of the management API (public).
import { getOpenApiOperation } from "@/lib/management/operations";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(getOpenApiOperation);
