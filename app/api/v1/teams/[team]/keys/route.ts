// GET /api/v1/teams/{team}/keys - list the team's keys; POST - create one (the full key is in this response only).
import { createKeyOperation, listKeysOperation } from "@/lib/management/operations/keys";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const GET = managementRoute(listKeysOperation);
export const POST = managementRoute(createKeyOperation);
