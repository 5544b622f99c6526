// The billing page's ledger: credit movements one by one, usage summarised per UTC day and API,
// each paged on its own. Takes loaded data only; team-ledger-section.tsx loads it.
import type { TeamLedger as TeamLedgerData } from "@/lib/billing/ledger/list-ledger";
import { CreditMovementsTable } from "@/components/ledger/credit-movements-table";
import { LedgerSection } from "@/components/ledger/ledger-section";
import { UsageByDayTable } from "@/components/ledger/usage-by-day-table";

type Props = { ledger: TeamLedgerData; currency: string; teamSlug: string };

export function TeamLedger({ ledger, currency, teamSlug }: Props) {
  const { movements, usage } = ledger;
  // Each pager keeps the other section's page, so paging one list does not reset the other.
  const href = (pages: { ledger: number; usage: number }, anchor: string) => {
    const query = new URLSearchParams();
    if (pages.ledger > 1) query.set("ledger", String(pages.ledger));
    if (pages.usage > 1) query.set("usage", String(pages.usage));
    const search = query.toString();
    return `/${teamSlug}/billing${search ? `?${search}` : ""}#${anchor}`;
  };
  return (
    <>
      <LedgerSection
        id="credit-movements"
        title="Credit movements"
        empty="No credit movements yet"
        paged={movements}
        hrefFor={(page) => href({ ledger: page, usage: usage.page }, "credit-movements")}
      >
        <CreditMovementsTable rows={movements.rows} currency={currency} />
      </LedgerSection>
      <LedgerSection
        id="usage-by-day"
        title="Usage by day and API"
        empty="No calls charged yet"
        paged={usage}
        hrefFor={(page) => href({ ledger: movements.page, usage: page }, "usage-by-day")}
      >
        <UsageByDayTable rows={usage.rows} currency={currency} />
      </LedgerSection>
    </>
  );
}
