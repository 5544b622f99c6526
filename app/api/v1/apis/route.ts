// GET /api/v1/apis - list the APIs the caller may see; POST /api/v1/apis - create an API with its plans (admin).
import { createApi } from "@/lib/catalog/create-api";
import { listApis } from "@/lib/catalog/list-apis";
import { createApiOperation, listApisOperation } from "@/lib/management/operations/apis";
import { toApiResponse } from "@/lib/management/schemas/apis";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const GET = withManagementAuth(listApisOperation, async ({ caller, respond }) => {
  const apis = await listApis(caller);
  return respond({ data: apis.map((api) => toApiResponse(api, caller)) });
});

export const POST = withManagementAuth(createApiOperation, async ({ caller, actor, body, requestId, respond }) => {
  const api = await createApi(body, actor, requestId);
  return respond(toApiResponse(api, caller, { withOpenapi: true }));
});
