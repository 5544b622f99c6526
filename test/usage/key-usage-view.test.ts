// The keys table's "Last 30 days" column: per-key usage from the rollups, as the keys page reads
// it (getKeyUsageMap), formatted by components/keys/key-row-view.ts.
import { describe, expect, it } from "vitest";
import { toPublicApiKey } from "@/lib/keys/public-api-key";
import { getKeyUsageMap } from "@/lib/usage/usage-breakdown";
import { toKeyRowView } from "@/components/keys/key-row-view";
import { createUsageTeam, usageEvent, writeEvents } from "./usage-fixtures";

describe("key usage in the keys table", () => {
  it("shows each key's calls and spend over the last 30 days, refunds deducted", async () => {
    const { team, apis, keys } = await createUsageTeam();
    const now = new Date();
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
    await writeEvents([
      ...Array.from({ length: 3 }, (_, i) =>
        usageEvent({ teamId: team.id, apiId: apis[i % 2]!.id, apiKeyId: keys[0]!.id, createdAt: at(i * 10 + 0.5), charged: 2_000n }),
      ),
      usageEvent({
        teamId: team.id,
        apiId: apis[0]!.id,
        apiKeyId: keys[0]!.id,
        createdAt: at(1),
        status: 502,
        charged: 2_000n,
        refunded: 2_000n,
      }),
      usageEvent({ teamId: team.id, apiId: apis[0]!.id, apiKeyId: keys[0]!.id, createdAt: at(31) }), // older than 30 days
      usageEvent({ teamId: team.id, apiId: apis[0]!.id, apiKeyId: keys[1]!.id, createdAt: at(2), charged: 2_000n }),
    ]);
    const stats = await getKeyUsageMap(team.id, { from: at(30), to: now });
    const usage = new Map([...stats].map(([id, s]) => [id, { calls: s.requests, spend: s.charged - s.refunded }]));
    const ctx = { viewerId: "v", viewerIsAdmin: true, currency: "USD", apiNames: new Map(), memberNames: new Map(), usage };
    expect(toKeyRowView(toPublicApiKey(keys[0]!), ctx).usage).toBe("4 calls · $0.006");
    expect(toKeyRowView(toPublicApiKey(keys[1]!), ctx).usage).toBe("1 call · $0.002");
    expect(toKeyRowView(toPublicApiKey(keys[1]!), { ...ctx, usage: new Map() }).usage).toBe("No calls");
  });
});
