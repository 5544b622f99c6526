// GET /api/v1/teams/{team}/balance - the team's prepaid credit as a decimal string.
import { getBalance } from "@/lib/billing/get-balance";
import { toMoneyString } from "@/lib/billing/money-schemas";
import { getBalanceOperation } from "@/lib/management/operations/teams";
import { withManagementAuth } from "@/lib/management/with-management-auth";

export const dynamic = "force-dynamic";

export const GET = withManagementAuth(getBalanceOperation, async ({ team, respond }) => {
  const { balance, currency } = await getBalance(team.id);
  return respond({ balance: toMoneyString(balance), currency });
});
