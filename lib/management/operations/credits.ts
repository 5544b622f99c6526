// Credit operations of the management API.
import { grantCreditSchema } from "@/lib/billing/grant-credit";
import { defineOperation } from "@/lib/management/define-operation";
import { creditGrantedSchema } from "@/lib/management/schemas/credits";

export const grantCreditOperation = defineOperation({
  operationId: "grantCredit",
  method: "POST",
  path: "/api/v1/teams/{team}/credits",
  tag: "Billing",
  summary: "Grant or adjust a team's credit",
  description:
    "Adds `amount` to the team's balance and records a ledger entry. Send an `Idempotency-Key` header to make retries safe: a repeated key returns the first entry (status 200, `Idempotent-Replayed: true`) and credits nothing.",
  access: "admin",
  body: grantCreditSchema,
  headers: [{ name: "Idempotency-Key", description: "Any unique string (e.g. a UUID), at most 200 characters" }],
  response: { status: 201, description: "The ledger entry and the new balance", schema: creditGrantedSchema },
  errors: ["bad_request", "not_found", "conflict"],
});
