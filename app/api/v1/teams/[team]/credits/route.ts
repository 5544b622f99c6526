// POST /api/v1/teams/{team}/credits - grant or adjust credit (admin); honours Idempotency-Key.
import { signedDecimalToMicros } from "@/lib/billing/money-schemas";
import { grantCredit } from "@/lib/billing/grant-credit";
import { grantCreditOperation } from "@/lib/management/operations/credits";
import { readIdempotencyKey } from "@/lib/management/read-request";
import { toCreditGrantedResponse } from "@/lib/management/schemas/credits";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const POST = withManagementAuth(grantCreditOperation, async ({ request, team, actor, body, requestId, respond }) => {
  const idempotencyKey = readIdempotencyKey(request.headers);
  const input = { amount: signedDecimalToMicros(body.amount), kind: body.kind, reason: body.reason, idempotencyKey };
  const { entry, replayed } = await grantCredit(team.id, input, actor, requestId);
  const response = toCreditGrantedResponse(entry);
  return replayed ? respond(response, { status: 200, headers: { "idempotent-replayed": "true" } }) : respond(response);
});
