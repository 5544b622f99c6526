// The statements that move a team's balance lock its row FOR NO KEY UPDATE, as an UPDATE would: a
// usage batch's foreign-key checks hold KEY SHARE locks on the team and key rows for the length of
// their statement, and must not hold up a charge, a settle, a lease write or a lease take meanwhile.
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { pgPool } from "@/lib/db";
import { chargeCall } from "@/lib/billing/ledger/charge-call";
import { settleCall } from "@/lib/billing/ledger/close-call";
import { DEFAULT_LEASE_SETTINGS, configureCreditLeases } from "@/lib/billing/ledger/leases/credit-leases";
import { returnLease, takeLease, writeLeaseCharges } from "@/lib/billing/ledger/leases/lease-statements";
import { createGatewayFixture } from "../../support/gateway-factories";
import { expectLedgerInvariant } from "../../support/ledger";

const PRICE = 1_000n;

beforeAll(() => configureCreditLeases({ enabled: false }));
afterAll(() => configureCreditLeases(DEFAULT_LEASE_SETTINGS));

it("moves a team's balance while another transaction holds the KEY SHARE locks of a foreign-key check on its team and key", async () => {
  const { team, api, keyRow } = await createGatewayFixture({ upstreamUrl: "http://127.0.0.1:9", balance: 100n * PRICE, price: 0n });
  const holder = await pgPool().connect();
  try {
    await holder.query("BEGIN");
    // What a usage batch's inserts take on the rows they reference, until they commit.
    await holder.query(`SELECT 1 FROM teams WHERE id = $1 FOR KEY SHARE`, [team.id]);
    await holder.query(`SELECT 1 FROM api_keys WHERE id = $1 FOR KEY SHARE`, [keyRow.id]);

    // Each would wait for the holder's commit (and this test time out) under FOR UPDATE. Ten at once:
    // the first runs alone, the others share the batch statements (charge-batch.ts, close-batch.ts).
    const call = { teamId: team.id, apiId: api.id, keyId: keyRow.id, apiKeyId: keyRow.id, capped: false, instanceId: "inst_locks" };
    const ids = Array.from({ length: 10 }, () => `req_${crypto.randomBytes(8).toString("hex")}`);
    const charged = await Promise.all(
      ids.map((requestId) => chargeCall({ ...call, requestId, price: 3n * PRICE, method: "POST", path: "/chat" })),
    );
    expect(charged.every((charge) => charge.ok)).toBe(true);
    const close = { teamId: team.id, apiId: api.id, keyId: keyRow.id, reserved: 3n * PRICE, actual: PRICE, reason: "exact" };
    const settled = await Promise.all(ids.map((requestId) => settleCall({ ...close, requestId })));
    expect(settled.every((settle) => settle.status === "settled")).toBe(true);

    const grant = { want: 10n * PRICE, unit: PRICE, minimum: PRICE, share: 1n, ttlMs: 10_000 };
    const lease = await takeLease(team.id, "inst_locks", grant);
    expect(lease).toMatchObject({ granted: 10n * PRICE });
    const leased = { ...call, requestId: `req_${crypto.randomBytes(8).toString("hex")}`, price: PRICE, method: "GET", path: "/ping" };
    expect(await writeLeaseCharges(team.id, lease!.id, 10_000, [leased])).toMatchObject({ fromLease: true });
    expect(await returnLease(team.id, lease!.id, "test ended")).toBe(9n * PRICE);
  } finally {
    await holder.query("COMMIT");
    holder.release();
  }
  expect(await expectLedgerInvariant(team.id)).toBe(100n * PRICE - 10n * PRICE - PRICE);
});
