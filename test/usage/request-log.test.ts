// The request log: filters, and keyset pages that together list every matching call exactly once,
// forwards and backwards.
import { describe, expect, it } from "vitest";
import type { LogFilters } from "@/lib/usage/log-filters";
import { listRequestLog, type Cursor, type LogEntry } from "@/lib/usage/request-log";
import type { UsageEvent } from "@/lib/gateway/usage-rows";
import { createUsageTeam, usageEvent, writeEvents } from "./usage-fixtures";

const t0 = new Date("2026-08-01T00:00:00.000Z").getTime();
const range = { from: new Date(t0), to: new Date(t0 + 86_400_000) };

async function seed() {
  const fixture = await createUsageTeam();
  const { team, apis, keys } = fixture;
  const events: UsageEvent[] = Array.from({ length: 137 }, (_, i) =>
    usageEvent({
      teamId: team.id,
      apiId: apis[i % 2]!.id,
      apiKeyId: keys[i % 3 === 0 ? 1 : 0]!.id,
      // Groups of three calls share a millisecond: the id breaks the tie.
      createdAt: new Date(t0 + Math.floor(i / 3) * 60_000),
      method: i % 4 === 0 ? "POST" : "GET",
      path: i % 5 === 0 ? `/v2/items/${i}` : `/v1/items/${i}`,
      status: [200, 201, 301, 404, 429, 500, 502][i % 7]!,
      charged: 1_000n,
      refunded: i % 7 === 5 ? 1_000n : 0n,
    }),
  );
  events.push(usageEvent({ teamId: team.id, apiId: apis[0]!.id, apiKeyId: keys[0]!.id, createdAt: new Date(t0 - 1) })); // before the range
  await writeEvents(events);
  return { ...fixture, events: events.slice(0, 137) };
}

async function allPages(teamId: string, filters: LogFilters, limit: number) {
  const seen: LogEntry[] = [];
  const cursors: Cursor[] = [];
  let before: Cursor | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listRequestLog(teamId, range, filters, { before, limit });
    seen.push(...page.entries);
    if (!page.older) break;
    cursors.push(page.older);
    before = page.older;
  }
  return { seen, cursors };
}

describe("listRequestLog", () => {
  it("pages newest first through every call in the range exactly once", async () => {
    const { team, events } = await seed();
    const { seen, cursors } = await allPages(team.id, {}, 20);
    expect(seen).toHaveLength(137);
    expect(new Set(seen.map((entry) => entry.requestId)).size).toBe(137);
    expect(new Set(seen.map((entry) => entry.requestId))).toEqual(new Set(events.map((event) => event.requestId)));
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(a.createdAt > b.createdAt || (a.createdAt.getTime() === b.createdAt.getTime() && a.id > b.id)).toBe(true);
    }
    expect(cursors).toHaveLength(6);

    // Going back with `after` from the third page gives the second page again.
    const second = await listRequestLog(team.id, range, {}, { before: cursors[0], limit: 20 });
    const third = await listRequestLog(team.id, range, {}, { before: cursors[1], limit: 20 });
    const back = await listRequestLog(team.id, range, {}, { after: third.newer!, limit: 20 });
    expect(back.entries.map((entry) => entry.requestId)).toEqual(second.entries.map((entry) => entry.requestId));
    expect(back.older).not.toBeNull();
    const first = await listRequestLog(team.id, range, {}, { limit: 20 });
    expect(first.newer).toBeNull();
    const backToFirst = await listRequestLog(team.id, range, {}, { after: second.newer!, limit: 20 });
    expect(backToFirst.newer).toBeNull();
    expect(backToFirst.entries.map((entry) => entry.requestId)).toEqual(first.entries.map((entry) => entry.requestId));
  });

  it("filters by API, key, status class, method, path prefix and request id", async () => {
    const { team, apis, keys, events } = await seed();
    const count = async (filters: LogFilters) => (await allPages(team.id, filters, 25)).seen;
    const expectSame = async (filters: LogFilters, predicate: (event: UsageEvent) => boolean) => {
      const seen = await count(filters);
      expect(new Set(seen.map((entry) => entry.requestId)), JSON.stringify(filters)).toEqual(
        new Set(events.filter(predicate).map((event) => event.requestId)),
      );
    };
    // By slug (the portal's URLs) and, for links from before, by id.
    await expectSame({ api: apis[1]!.slug }, (event) => event.apiId === apis[1]!.id);
    await expectSame({ api: apis[1]!.id }, (event) => event.apiId === apis[1]!.id);
    expect(await count({ api: "no-such-api" })).toEqual([]);
    await expectSame({ key: keys[1]!.id }, (event) => event.apiKeyId === keys[1]!.id);
    await expectSame({ status: "2xx" }, (event) => event.status >= 200 && event.status < 300);
    await expectSame({ status: "3xx" }, (event) => event.status === 301);
    await expectSame({ status: "4xx" }, (event) => event.status === 404 || event.status === 429);
    await expectSame({ status: "5xx" }, (event) => event.status >= 500);
    await expectSame({ status: "errors" }, (event) => event.status >= 400);
    await expectSame({ method: "POST" }, (event) => event.method === "POST");
    await expectSame({ path: "/v2/" }, (event) => event.path.startsWith("/v2/"));
    await expectSame({ path: "/v1/items/1" }, (event) => event.path.startsWith("/v1/items/1"));
    await expectSame(
      { api: apis[0]!.id, status: "5xx", method: "GET" },
      (event) => event.apiId === apis[0]!.id && event.status >= 500 && event.method === "GET",
    );
    const target = events[42]!;
    const byId = await count({ requestId: target.requestId });
    expect(byId).toHaveLength(1);
    expect(byId[0]).toMatchObject({
      requestId: target.requestId,
      path: target.path,
      status: target.status,
      charge: target.charged - target.refunded,
      api: { id: target.apiId },
      key: { id: target.apiKeyId },
    });
  });

  it("shows nothing of another team, even with its request ids or keys as filters", async () => {
    const mine = await seed();
    const other = await createUsageTeam();
    expect((await listRequestLog(other.team.id, range, {}, { limit: 10 })).entries).toEqual([]);
    expect((await listRequestLog(other.team.id, range, { requestId: mine.events[0]!.requestId }, { limit: 10 })).entries).toEqual([]);
    expect((await listRequestLog(other.team.id, range, { key: mine.keys[0]!.id }, { limit: 10 })).entries).toEqual([]);
  });
});

describe("an agent's call in the request log", () => {
  it("names the MCP tool it served, and a plain call names none", async () => {
    const { team, apis, keys } = await createUsageTeam();
    const at = new Date(t0 + 60_000);
    const base = { teamId: team.id, apiId: apis[0]!.id, apiKeyId: keys[0]!.id, createdAt: at };
    await writeEvents([
      usageEvent({ ...base, path: "/forecast", mcpTool: "weather_getForecast" }),
      usageEvent({ ...base, path: "/plain" }),
    ]);
    const { entries } = await listRequestLog(team.id, range, {}, { limit: 10 });
    const byPath = new Map(entries.map((entry) => [entry.path, entry.mcpTool]));
    expect(byPath).toEqual(
      new Map([
        ["/forecast", "weather_getForecast"],
        ["/plain", null],
      ]),
    );
  });
});
