// POST /api/v1/teams/{team}/credits - grant or adjust credit (admin); honours Idempotency-Key.
import { grantCreditOperation } from "@/lib/management/operations/credits";
import { managementRoute } from "@/lib/management/run-operation";

export const dynamic = "force-dynamic";

export const POST = managementRoute(grantCreditOperation);
