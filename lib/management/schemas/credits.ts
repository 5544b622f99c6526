// Credit ledger entries on the wire.
import { z } from "zod";
import { currency } from "@/lib/money";
import { moneyString, toMoneyString } from "@/lib/billing/money-schemas";
import type { CreditLedgerEntry } from "@/lib/db";
import { currencySchema, isoDateTimeOut } from "@/lib/management/schemas/common";

export const ledgerEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(["TOPUP", "AUTO_RECHARGE", "GRANT", "ADJUSTMENT", "USAGE", "USAGE_REFUND", "PAYMENT_REFUND", "USAGE_SETTLEMENT"]),
  amount: moneyString.meta({ description: "Signed: credits positive, debits negative" }),
  balanceAfter: moneyString.nullable(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: isoDateTimeOut,
});

export const creditGrantedSchema = z.object({
  entry: ledgerEntrySchema,
  balance: moneyString.meta({ description: "The balance right after this entry" }),
  currency: currencySchema,
});

export function toCreditGrantedResponse(entry: CreditLedgerEntry): z.input<typeof creditGrantedSchema> {
  const balanceAfter = entry.balanceAfter ?? 0n;
  return {
    entry: {
      ...entry,
      amount: toMoneyString(entry.amount),
      balanceAfter: toMoneyString(balanceAfter),
      createdAt: entry.createdAt.toISOString(),
    },
    balance: toMoneyString(balanceAfter),
    currency: currency(),
  };
}
