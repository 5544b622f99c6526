// Credit operations of the management API.
import { grantCredit, grantCreditSchema } from "@/lib/billing/grant-credit";
import { signedDecimalToMicros } from "@/lib/billing/money-schemas";
import { defineOperation } from "@/lib/management/define-operation";
import { readIdempotencyKey } from "@/lib/management/read-request";
import { creditGrantedSchema, toCreditGrantedResponse } from "@/lib/management/schemas/credits";

export const grantCreditOperation = defineOperation({
  operationId: "grantCredit",
  method: "POST",
  path: "/api/v1/teams/{team}/credits",
  tag: "Billing",
  summary: "Grant or adjust a team's credit",
  description:
    "Adds `amount` to the team's balance and records a ledger entry. Send an `Idempotency-Key` header to make retries safe: a repeated key returns the first entry (status 200, `Idempotent-Replayed: true`) and credits nothing. One grant or adjustment moves at most ADMIN_GRANT_MAX (default 10,000 of the currency); more is 422 on `amount`.",
  access: "admin",
  body: grantCreditSchema,
  headers: [{ name: "Idempotency-Key", description: "Any unique string (e.g. a UUID), at most 200 characters" }],
  response: { status: 201, description: "The ledger entry and the new balance", schema: creditGrantedSchema },
  errors: ["bad_request", "not_found", "conflict"],
  run: async ({ headers, team, actor, body, requestId, respond }) => {
    const idempotencyKey = readIdempotencyKey(headers);
    const input = { amount: signedDecimalToMicros(body.amount), kind: body.kind, reason: body.reason, idempotencyKey };
    const { entry, replayed } = await grantCredit(team.id, input, actor, requestId);
    const response = toCreditGrantedResponse(entry);
    // A replay answers the first entry again, as 200, and says so.
    return replayed ? respond(response, { status: 200, headers: { "idempotent-replayed": "true" } }) : response;
  },
});
