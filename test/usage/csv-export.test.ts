// The CSV export: RFC 4180 escaping with formula injection neutralised, the same rows as the log,
// streamed in batches, and only for members of the team.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMember, createUser } from "../factories";
import { csvCell, csvLine, streamUsageCsv, CSV_COLUMNS } from "@/lib/usage/usage-csv";
import { exportUsageCsv } from "@/lib/usage/export-usage";
import { createUsageTeam, usageEvent, writeEvents } from "./usage-fixtures";

const now = new Date("2026-07-15T12:00:00.000Z");

describe("csvCell", () => {
  it("quotes separators, quotes and line breaks", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvLine(["a", null, "b,c"])).toBe('a,,"b,c"\r\n');
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
    expect(csvCell("/=not-first")).toBe("/=not-first");
  });
});

/** Minimal RFC 4180 reader for the assertions. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += char;
  }
  return rows;
}

async function seed() {
  const fixture = await createUsageTeam();
  const { team, apis, keys } = fixture;
  const events = Array.from({ length: 23 }, (_, i) =>
    usageEvent({
      teamId: team.id,
      apiId: apis[0]!.id,
      apiKeyId: keys[0]!.id,
      createdAt: new Date(now.getTime() - (i + 1) * 60_000),
      status: i % 4 === 0 ? 502 : 200,
      charged: 2_000n,
      refunded: i % 4 === 0 ? 2_000n : 0n,
    }),
  );
  events.push(
    usageEvent({
      teamId: team.id,
      apiId: apis[1]!.id,
      apiKeyId: keys[1]!.id,
      path: '/=cmd|"/c calc"!A0,x',
      method: "POST",
      createdAt: new Date(now.getTime() - 30_000),
      charged: 1_500n,
    }),
  );
  await writeEvents(events);
  await db.apiKey.update({ where: { id: keys[1]!.id }, data: { name: '=HYPERLINK("x")' } });
  return { ...fixture, events };
}

describe("streamUsageCsv", () => {
  it("writes a header and one row per call, newest first, across batches and up to the cap", async () => {
    const { team, apis, events } = await seed();
    const range = { from: new Date(now.getTime() - 86_400_000), to: now };
    const rows = parseCsv(await new Response(streamUsageCsv(team.id, range, {})).text());
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + events.length);
    expect(rows[1]).toEqual([
      new Date(now.getTime() - 30_000).toISOString(),
      apis[1]!.slug,
      expect.stringMatching(/^'=HYPERLINK\("x"\) \(tg_test_…[0-9A-Za-z]{4}\)$/), // a key name that is a formula
      "POST",
      '/=cmd|"/c calc"!A0,x', // starts with "/": no formula; its quotes and comma survive the quoting
      "200",
      "12",
      "0.001500",
      events.at(-1)!.requestId,
      "",
      ...["", "", "", "", ""], // a REST call has no model or tokens
      "", // nor an MCP tool
    ]);
    const refunded = rows.find((row) => row[5] === "502")!;
    expect(refunded[7]).toBe("0.000000");
    expect(rows[2]![2]).toMatch(/^gateway test key/);

    const onlyErrors = parseCsv(await new Response(streamUsageCsv(team.id, range, { status: "5xx" })).text());
    expect(onlyErrors.slice(1).map((row) => row[5])).toEqual(new Array(6).fill("502"));
    expect(onlyErrors.slice(1).every((row) => row[1] === apis[0]!.slug)).toBe(true);

    const capped = parseCsv(await new Response(streamUsageCsv(team.id, range, {}, 7)).text());
    expect(capped).toHaveLength(1 + 7 + 1);
    expect(capped.at(-1)![0]).toMatch(/^# truncated: the export stops at 7 rows/);
  });
});

describe("streamUsageCsv for AI calls", () => {
  it("adds the model, input, cached input and output tokens and their provenance, formulas neutralised", async () => {
    const { team, apis, keys } = await createUsageTeam();
    const ids = { teamId: team.id, apiId: apis[0]!.id, apiKeyId: keys[0]!.id };
    const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000);
    await writeEvents([
      usageEvent({
        ...ids,
        method: "POST",
        path: "/chat/completions",
        createdAt: at(30),
        charged: 4_000n,
        refunded: 1_250n,
        ai: { model: "demo-chat", inputTokens: 1_200, cachedInputTokens: 1_024, outputTokens: 87, source: "PROVIDER" },
      }),
      usageEvent({
        ...ids,
        method: "POST",
        path: "/chat/completions",
        createdAt: at(20),
        status: 499,
        errorCode: "client_closed_request",
        ai: { model: "=cmd|calc", inputTokens: 40, cachedInputTokens: 0, outputTokens: 3, source: "PARTIAL" },
      }),
      usageEvent({ ...ids, createdAt: at(10) }),
    ]);
    const rows = parseCsv(await new Response(streamUsageCsv(team.id, { from: at(60), to: now }, {})).text());
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const aiColumns = (row: string[]) => row.slice(column("model"), column("usage_source") + 1);
    expect(rows[0]!.slice(-6)).toEqual(["model", "input_tokens", "cached_input_tokens", "output_tokens", "usage_source", "mcp_tool"]);
    expect(aiColumns(rows[1]!)).toEqual(["", "", "", "", ""]);
    expect(aiColumns(rows[2]!)).toEqual(["'=cmd|calc", "40", "0", "3", "partial"]);
    expect(aiColumns(rows[3]!)).toEqual(["demo-chat", "1200", "1024", "87", "provider"]);
    expect(rows[3]![column("charge")]).toBe("0.002750");
    expect(rows[3]![column("path")]).toBe("/chat/completions");
  });
});

describe("exportUsageCsv", () => {
  const params = (query: string) => new URLSearchParams(query);

  it("lets any member download and answers 404 to everyone else", async () => {
    const { team } = await seed();
    const { user: member } = await addMember(team.id, "MEMBER");
    const outsider = await createUser();
    const ok = await exportUsageCsv({
      userId: member.id,
      teamSlug: team.slug,
      params: params("range=custom&from=2026-07-14&to=2026-07-15"),
      requestId: "req_test",
      now,
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(ok.headers.get("content-disposition")).toBe(`attachment; filename="usage-${team.slug}-2026-07-14_2026-07-15.csv"`);
    expect(parseCsv(await ok.text())).toHaveLength(1 + 24);

    const denied = await exportUsageCsv({
      userId: outsider.id,
      teamSlug: team.slug,
      params: params("range=7d"),
      requestId: "req_test",
      now,
    });
    expect(denied.status).toBe(404);
    expect(denied.headers.get("content-type")).toBe("application/problem+json");
    expect(await denied.text()).not.toContain("usage");
    const missing = await exportUsageCsv({
      userId: member.id,
      teamSlug: "no-such-team-anywhere",
      params: params(""),
      requestId: "req_test",
      now,
    });
    expect(missing.status).toBe(404);
  });

  it("refuses an invalid range or filter with a readable problem", async () => {
    const { team, owner } = await seed();
    const badRange = await exportUsageCsv({
      userId: owner.id,
      teamSlug: team.slug,
      params: params("range=custom&from=2026-07-10&to=2026-07-01"),
      requestId: "req_test",
      now,
    });
    expect(badRange.status).toBe(422);
    expect(await badRange.json()).toMatchObject({
      code: "validation_failed",
      errors: { to: "The end date must be on or after the start date." },
    });
    const badFilter = await exportUsageCsv({
      userId: owner.id,
      teamSlug: team.slug,
      params: params("range=24h&status=9xx"),
      requestId: "req_test",
      now,
    });
    expect(badFilter.status).toBe(422);
    expect((await badFilter.json()).detail).toContain("status");
  });
});
