// Teams and balances on the wire.
import { z } from "zod";
import { currency } from "@/lib/money";
import { moneyString, toMoneyString } from "@/lib/billing/money-schemas";
import type { Team } from "@/lib/db";
import { currencySchema, isoDateTimeOut } from "@/lib/management/schemas/common";

export const teamSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  personal: z.boolean(),
  balance: moneyString.meta({ description: "Prepaid credit" }),
  currency: currencySchema,
  createdAt: isoDateTimeOut,
});

export const teamListSchema = z.object({
  data: z.array(teamSchema),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
});

export const balanceSchema = z.object({ balance: moneyString, currency: currencySchema });

export function toTeamResponse(team: Team): z.input<typeof teamSchema> {
  return { ...team, balance: toMoneyString(team.balance), currency: currency(), createdAt: team.createdAt.toISOString() };
}
