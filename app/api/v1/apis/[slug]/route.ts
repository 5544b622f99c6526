// GET /api/v1/apis/{slug} - one API with its plans; PATCH /api/v1/apis/{slug} - change it (admin).
import { getApi } from "@/lib/catalog/get-api";
import { updateApi } from "@/lib/catalog/update-api";
import { getApiOperation, updateApiOperation } from "@/lib/management/operations/apis";
import { toApiResponse } from "@/lib/management/schemas/apis";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const GET = withManagementAuth(getApiOperation, async ({ caller, params, respond }) => {
  const api = await getApi(params.slug, caller);
  return respond(toApiResponse(api, caller, { withOpenapi: true }));
});

export const PATCH = withManagementAuth(updateApiOperation, async ({ caller, actor, body, params, requestId, respond }) => {
  const api = await updateApi(params.slug, body, actor, requestId);
  return respond(toApiResponse(api, caller, { withOpenapi: true }));
});
