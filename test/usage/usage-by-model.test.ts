// AI usage by model: calls, errors, tokens and spend per model over a range, from usage_events; REST
// calls, other teams and calls outside the range do not count; and the statement reads the
// (teamId, model, createdAt) index, not every event of a team busy with REST calls.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getUsageByModel, usageByModelQuery } from "@/lib/usage/usage-by-model";
import { listRequestLog } from "@/lib/usage/request-log";
import { createUsageTeam, usageEvent, writeEvents } from "./usage-fixtures";

const t0 = new Date("2026-09-01T00:00:00.000Z").getTime();
const range = { from: new Date(t0), to: new Date(t0 + 86_400_000) };
const at = (minutes: number) => new Date(t0 + minutes * 60_000);

type Ai = NonNullable<Parameters<typeof usageEvent>[0]["ai"]>;
const ai = (model: string, inputTokens: number, cachedInputTokens: number, outputTokens: number, source: Ai["source"] = "PROVIDER") => ({
  model,
  inputTokens,
  cachedInputTokens,
  outputTokens,
  source,
});

describe("getUsageByModel", () => {
  it("sums calls, errors, tokens and spend per model in the range, dearest first", async () => {
    const { team, apis, keys } = await createUsageTeam();
    const other = await createUsageTeam();
    const ids = { teamId: team.id, apiId: apis[0]!.id, apiKeyId: keys[0]!.id };
    await writeEvents([
      usageEvent({ ...ids, createdAt: at(1), charged: 3_000n, refunded: 1_000n, ai: ai("chat-a", 1_000, 200, 50) }),
      usageEvent({ ...ids, createdAt: at(2), charged: 5_000n, refunded: 500n, ai: ai("chat-a", 2_000, 0, 100, "COUNTED") }),
      usageEvent({ ...ids, createdAt: at(3), status: 402, errorCode: "insufficient_credit", charged: 0n, ai: ai("chat-a", 0, 0, 0) }),
      usageEvent({ ...ids, apiKeyId: keys[1]!.id, createdAt: at(4), charged: 700n, ai: ai("embed-b", 300, 0, 0) }),
      usageEvent({ ...ids, createdAt: at(5), charged: 9_000n }), // a REST call: no model
      usageEvent({ ...ids, createdAt: new Date(t0 - 1), charged: 9_000n, ai: ai("chat-a", 5, 0, 5) }), // before the range
      usageEvent({ ...ids, createdAt: range.to, charged: 9_000n, ai: ai("chat-a", 5, 0, 5) }), // the range is half-open
      usageEvent({
        teamId: other.team.id,
        apiId: other.apis[0]!.id,
        apiKeyId: other.keys[0]!.id,
        createdAt: at(6),
        charged: 9_000n,
        ai: ai("chat-a", 5, 0, 5),
      }),
    ]);
    expect(await getUsageByModel(team.id, range)).toEqual([
      { model: "chat-a", calls: 3, errors: 1, inputTokens: 3_000, cachedInputTokens: 200, outputTokens: 150, spend: 6_500n },
      { model: "embed-b", calls: 1, errors: 0, inputTokens: 300, cachedInputTokens: 0, outputTokens: 0, spend: 700n },
    ]);
    expect(await getUsageByModel(team.id, { from: at(10), to: range.to })).toEqual([]);

    // The request log carries the same details per call; a REST call has none.
    const { entries } = await listRequestLog(team.id, range, {}, { limit: 10 });
    expect(entries.map((entry) => entry.ai?.model ?? null)).toEqual([null, "embed-b", "chat-a", "chat-a", "chat-a"]);
    expect(entries[3]!.ai).toEqual({
      model: "chat-a",
      inputTokens: 2_000,
      cachedInputTokens: 0,
      outputTokens: 100,
      usageSource: "COUNTED",
    });
    expect(entries[3]!.charge).toBe(4_500n);
  });

  it("reads a REST-heavy team's AI calls through the (teamId, model, createdAt) index", async () => {
    const { team, apis, keys } = await createUsageTeam();
    // 20,000 REST calls and 20 AI calls in the range, written in one statement.
    await db.$executeRaw`
      INSERT INTO usage_events ("requestId", "teamId", "apiId", "apiKeyId", method, path, status, "latencyMs", "createdAt", model, "inputTokens", "outputTokens")
      SELECT 'req_bulk_' || ${team.id} || '_' || i, ${team.id}, ${apis[0]!.id}, ${keys[0]!.id}, 'GET', '/echo', 200, 5,
             ${range.from}::timestamptz + (i % 1440) * interval '1 minute',
             CASE WHEN i % 1000 = 0 THEN 'chat-a' END, CASE WHEN i % 1000 = 0 THEN 10 END, CASE WHEN i % 1000 = 0 THEN 5 END
      FROM generate_series(1, 20000) AS i`;
    await db.$executeRaw`ANALYZE usage_events`;
    const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${usageByModelQuery(team.id, range)}`;
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    expect(text).toContain("usage_events_teamId_model_createdAt_idx");
    expect(text).not.toMatch(/Seq Scan on usage_events/);
    expect((await getUsageByModel(team.id, range))[0]).toMatchObject({ model: "chat-a", calls: 20, inputTokens: 200 });
  });
});
