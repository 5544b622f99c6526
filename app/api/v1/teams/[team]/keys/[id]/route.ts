// PATCH /api/v1/teams/{team}/keys/{id} - change a key's name, expiry or spend cap; DELETE - revoke it.
import { revokeKeyOperation, updateKeyOperation } from "@/lib/management/operations/keys";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const PATCH = managementRoute(updateKeyOperation);
export const DELETE = managementRoute(revokeKeyOperation);
