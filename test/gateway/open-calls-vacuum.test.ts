// open_calls under churn (lib/gateway/open-calls-vacuum.ts): every charged call writes a row that its
// usage row deletes, and the usage writer vacuums the table as it goes, so the dead rows of calls long
// recorded do not pile up until autovacuum's next visit.
import { afterAll, expect, it } from "vitest";
import { pgPool } from "@/lib/db";
import { takeLease, writeLeaseCharges } from "@/lib/billing/ledger/leases/lease-statements";
import { flushUsage, recordUsage } from "@/lib/gateway/usage-recorder";
import { configureOpenCallVacuum, openCallVacuumSettled } from "@/lib/gateway/open-calls-vacuum";
import { createGatewayFixture } from "../support/gateway-factories";
import { expectLedgerInvariant, leasedCalls } from "../support/ledger";

const PRICE = 1_000n;

afterAll(() => configureOpenCallVacuum({ everyClosed: 20_000 }));

async function tableBytes(): Promise<number> {
  const { rows } = await pgPool().query<{ bytes: string }>(`SELECT pg_relation_size('open_calls')::text AS bytes`);
  return Number(rows[0]!.bytes);
}

/** `rounds` of 500 calls charged from a lease (each writes its open call) and then recorded (which closes it). */
async function churn(rounds: number) {
  const { team, api, keyRow } = await createGatewayFixture({ upstreamUrl: "http://127.0.0.1:9", balance: 100_000_000n, price: 0n });
  const lease = (await takeLease(team.id, "inst_vacuum", { want: 50_000_000n, unit: PRICE, minimum: PRICE, share: 1n, ttlMs: 60_000 }))!;
  for (let round = 0; round < rounds; round++) {
    const calls = leasedCalls(500, { apiId: api.id, keyId: keyRow.id, instanceId: "inst_vacuum", price: PRICE });
    for (let i = 0; i < 500; i += 100) await writeLeaseCharges(team.id, lease.id, 60_000, calls.slice(i, i + 100));
    for (const call of calls) {
      recordUsage({
        requestId: call.requestId,
        teamId: team.id,
        apiKeyId: keyRow.id,
        apiId: api.id,
        method: "GET",
        path: "/ping",
        status: 200,
        errorCode: null,
        latencyMs: 2,
        bytesIn: 0,
        bytesOut: 10,
        charged: PRICE,
        refunded: 0n,
        createdAt: new Date(),
      });
    }
    await flushUsage();
    await openCallVacuumSettled();
  }
  return team.id;
}

it("keeps open_calls small under churn: its dead rows are vacuumed as calls are recorded, not left for autovacuum", async () => {
  configureOpenCallVacuum({ everyClosed: 1_000 });
  const before = await tableBytes();
  const teamId = await churn(12);
  const { rows } = await pgPool().query<{ open: number }>(`SELECT count(*)::int AS open FROM open_calls WHERE "teamId" = $1`, [teamId]);
  expect(rows[0]!.open).toBe(0);
  // 6,000 calls went through the table. Without a vacuum every row stays (about 150 bytes each, so
  // some 900 kB); with one every 1,000 calls the space of recorded calls is reused.
  const grown = (await tableBytes()) - before;
  expect(grown).toBeLessThan(6_000 * 40);
  await expectLedgerInvariant(teamId);
});
