// DELETE /api/v1/teams/{team}/keys/{id} - revoke a key of the team.
import { revokeKeyOperation } from "@/lib/management/operations/keys";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const DELETE = managementRoute(revokeKeyOperation);
