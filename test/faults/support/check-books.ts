// After a fault under load: the money and the usage of every call agree with what happened to it.
// Nothing reached the upstream uncharged, nobody kept paying for a refused call, every call has its
// usage event with the amounts the ledger shows, and the ledger invariant holds.
import { expect } from "vitest";
import { db } from "@/lib/db";
import { hasPendingUsage } from "@/lib/gateway/usage-recorder";
import { unsettledCalls } from "@/lib/gateway/database-outage";
import type { RecordedRequest } from "../../support/upstream-server";
import { expectLedgerInvariant } from "../../support/ledger";
import type { CallOutcome } from "./gateway-load";
import { waitFor } from "./wait-for";

export async function expectBooksBalanced(teamId: string, price: bigint, outcomes: CallOutcome[], upstreamRequests: RecordedRequest[]) {
  // Refused calls are settled and every event written once the database answers again. Events are
  // found by request id: a call refused while its key's cache entry had expired (a slow machine
  // stretches the fault past the key cache's 5 s) never learned its team, and its event has none.
  const requestIds = outcomes.map((outcome) => outcome.requestId);
  await waitFor(
    async () =>
      unsettledCalls() === 0 &&
      !hasPendingUsage() &&
      (await db.usageEvent.count({ where: { requestId: { in: requestIds } } })) >= outcomes.length,
    {
      timeoutMs: 20_000,
      what: "every call settled and its usage event written",
    },
  );

  const forwarded = new Set(upstreamRequests.map((request) => String(request.headers["x-request-id"])));
  const answered = new Set(outcomes.filter((outcome) => outcome.status === 200).map((outcome) => outcome.requestId));
  expect(forwarded).toEqual(answered);

  const ledger = await db.creditLedgerEntry.findMany({ where: { teamId, kind: { in: ["USAGE", "USAGE_REFUND"] } } });
  const charged = new Set(ledger.filter((entry) => entry.kind === "USAGE").map((entry) => entry.requestId!));
  const refunded = new Set(ledger.filter((entry) => entry.kind === "USAGE_REFUND").map((entry) => entry.requestId!));
  for (const requestId of forwarded) {
    expect(charged.has(requestId), `forwarded ${requestId} was charged`).toBe(true);
    expect(refunded.has(requestId), `forwarded ${requestId} was not refunded`).toBe(false);
  }
  for (const requestId of charged)
    expect(forwarded.has(requestId) || refunded.has(requestId), `charge ${requestId} was forwarded or refunded`).toBe(true);
  for (const requestId of refunded) expect(charged.has(requestId), `refund ${requestId} has its charge`).toBe(true);

  const events = new Map(
    (await db.usageEvent.findMany({ where: { requestId: { in: requestIds } } })).map((event) => [event.requestId, event]),
  );
  expect(events.size).toBe(outcomes.length);
  for (const outcome of outcomes) {
    const event = events.get(outcome.requestId);
    expect(event, `usage event of ${outcome.requestId}`).toBeDefined();
    expect(event).toMatchObject({
      status: outcome.status,
      charged: charged.has(outcome.requestId) ? price : 0n,
      refunded: refunded.has(outcome.requestId) ? price : 0n,
    });
  }
  await expectLedgerInvariant(teamId);
  return { forwarded: forwarded.size, refundedAfterOutage: refunded.size };
}
