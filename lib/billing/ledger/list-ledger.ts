// A team's ledger as the billing page shows it: credit movements one by one, usage summarised per
// day and API. Each section pages on its own (`?ledger=` and `?usage=`). Together they account for
// every entry, so the movements plus the usage nets add up to the balance.
import { listCreditMovements, type CreditMovement } from "@/lib/billing/ledger/list-credit-movements";
import { listUsageByDay, type UsageDay } from "@/lib/billing/ledger/list-usage-by-day";
import { parsePage, type Paged } from "@/lib/http/pagination";

export type TeamLedger = { movements: Paged<CreditMovement>; usage: Paged<UsageDay> };
export type LedgerPageParams = { ledger?: string | string[]; usage?: string | string[] };

/** Callers must have checked that the viewer belongs to `teamId`; every query is scoped to it. */
export async function listLedger(teamId: string, params: LedgerPageParams = {}): Promise<TeamLedger> {
  const [movements, usage] = await Promise.all([
    listCreditMovements(teamId, parsePage(params.ledger)),
    listUsageByDay(teamId, parsePage(params.usage)),
  ]);
  return { movements, usage };
}
