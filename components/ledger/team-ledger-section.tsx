// The ledger block the billing page renders: loads one page of each section for the team and shows
// it. The page must have checked membership (loadTeamPage) before passing `teamId`.
import { listLedger, type LedgerPageParams } from "@/lib/billing/ledger/list-ledger";
import { currency } from "@/lib/money";
import { TeamLedger } from "@/components/ledger/team-ledger";

/** `page` takes the page's `searchParams` as they come (a promise in Next.js 16) or already read. */
type Props = { teamId: string; teamSlug: string; page: LedgerPageParams | Promise<LedgerPageParams> };

export async function TeamLedgerSection({ teamId, teamSlug, page }: Props) {
  const ledger = await listLedger(teamId, await page);
  return <TeamLedger ledger={ledger} currency={currency()} teamSlug={teamSlug} />;
}
