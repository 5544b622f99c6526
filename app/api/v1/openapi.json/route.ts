// GET /api/v1/openapi.json - the OpenAPI 3.1 document of the management API (public).
import { buildOpenApiDocument } from "@/lib/management/openapi/build-openapi-document";
import { getOpenApiOperation } from "@/lib/management/operations/meta";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const GET = withManagementAuth(getOpenApiOperation, async ({ respond }) => {
  document ??= buildOpenApiDocument(); // the same for the life of the process
  return respond(document as Parameters<typeof respond>[0]);
});
