// components/ledger/team-ledger.tsx rendered to HTML: both sections, amounts formatted, and pager
// links that keep the other section's page.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TeamLedger } from "@/components/ledger/team-ledger";
import { TeamLedgerSection } from "@/components/ledger/team-ledger-section";
import type { TeamLedger as TeamLedgerData } from "@/lib/billing/ledger/list-ledger";
import { createTeamWithOwner } from "../../factories";
import { addEntries, at, createApi } from "./ledger-fixtures";

const ledger: TeamLedgerData = {
  movements: {
    page: 2,
    hasPrevious: true,
    hasNext: true,
    rows: [
      {
        id: "e1",
        kind: "GRANT",
        amount: 12_500_000n,
        balanceAfter: 12_500_000n,
        reason: "pilot <credit>",
        actor: "Ada",
        createdAt: new Date("2026-03-01T10:00:00Z"),
      },
    ],
  },
  usage: {
    page: 1,
    hasPrevious: false,
    hasNext: true,
    rows: [{ day: "2026-03-01", apiId: "a1", apiName: "Weather", calls: 1234, charged: 2_468_000n, refunded: 2_000n, net: -2_466_000n }],
  },
};

describe("TeamLedger", () => {
  it("renders movements and usage with pager links that keep the other section's page", () => {
    const html = renderToStaticMarkup(createElement(TeamLedger, { ledger, currency: "USD", teamSlug: "acme" }));
    expect(html).toContain("Credit movements");
    expect(html).toContain("pilot &lt;credit&gt;");
    expect(html).toContain("$12.50");
    expect(html).toContain("1,234");
    expect(html).toContain("−$2.466");
    expect(html).toContain('href="/acme/billing#credit-movements"');
    expect(html).toContain('href="/acme/billing?ledger=3#credit-movements"');
    expect(html).toContain('href="/acme/billing?ledger=2&amp;usage=2#usage-by-day"');
  });

  it("says so when there is nothing yet", () => {
    const empty = { page: 1, hasPrevious: false, hasNext: false, rows: [] };
    const html = renderToStaticMarkup(
      createElement(TeamLedger, { ledger: { movements: empty, usage: empty }, currency: "USD", teamSlug: "acme" }),
    );
    expect(html).toContain("No credit movements yet");
    expect(html).toContain("No calls charged yet");
    expect(html).not.toContain("<nav");
  });
});

describe("TeamLedgerSection", () => {
  it("loads the team's ledger for the page's search params (a promise, as Next.js passes them)", async () => {
    const { team } = await createTeamWithOwner();
    const api = await createApi("Maps");
    await addEntries(team.id, [
      { kind: "GRANT", amount: 12_500_000n, createdAt: at("2026-03-01T10:00:00Z"), reason: "welcome" },
      { kind: "USAGE", amount: -2_000n, apiId: api.id, createdAt: at("2026-03-02T10:00:00Z") },
    ]);
    const element = await TeamLedgerSection({ teamId: team.id, teamSlug: team.slug, page: Promise.resolve({ ledger: "1", usage: ["1"] }) });
    const html = renderToStaticMarkup(element);
    expect(html).toContain("welcome");
    expect(html).toContain(api.name);
    expect(html).toContain("−$0.002");
  });
});
