// Credit granted or adjusted by the platform admin: the movement is postCredit's one statement, in a
// transaction with its audit entry, so `balance == sum(ledger amounts)` holds at every commit.
import { z } from "zod";
import { db, type CreditLedgerEntry } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorUserId, auditActor, type Actor } from "@/lib/audit/actor";
import { signedDecimalAmount, signedMicrosOrNull } from "@/lib/billing/money-schemas";
import { isOutOfRange, isUniqueViolation } from "@/lib/db-errors";
import { currency, formatMoney } from "@/lib/money";
import { adminGrantMax } from "@/lib/env";
import { invalid } from "@/lib/validation";
import { postCredit } from "@/lib/billing/ledger/post-credit";

export const grantCreditSchema = z
  .object({
    amount: signedDecimalAmount,
    reason: z.string().trim().min(3, "Give a reason of at least 3 characters.").max(500, "Keep the reason under 500 characters."),
    kind: z.enum(["GRANT", "ADJUSTMENT"]).default("GRANT").meta({ description: "GRANT adds credit; ADJUSTMENT may be negative" }),
  })
  .superRefine((input, ctx) => {
    const micros = signedMicrosOrNull(input.amount);
    if (micros === null) return;
    if (input.kind === "GRANT" && micros <= 0n)
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: "A grant must be more than zero; use kind ADJUSTMENT to take credit away.",
      });
    if (input.kind === "ADJUSTMENT" && micros === 0n)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "An adjustment of zero changes nothing." });
    // A guardrail against a slip of the keyboard (an extra zero or three): larger sums take several entries.
    const max = adminGrantMax();
    if (micros > max || micros < -max)
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message: `At most ${formatMoney(max, currency())} per grant or adjustment (ADMIN_GRANT_MAX).`,
      });
  });

/** The largest balance a team can have (PostgreSQL int8), in micro-units. */
const MAX_BALANCE_MICROS = 2n ** 63n - 1n;

export type GrantCredit = { amount: bigint; kind: "GRANT" | "ADJUSTMENT"; reason: string; idempotencyKey?: string };
export type GrantResult = { entry: CreditLedgerEntry; replayed: boolean };

/** A repeated Idempotency-Key returns the first entry, provided it asked for the same credit. */
async function findReplay(externalRef: string, input: GrantCredit): Promise<GrantResult | null> {
  const entry = await db.creditLedgerEntry.findUnique({ where: { externalRef } });
  if (!entry) return null;
  if (entry.amount !== input.amount || entry.kind !== input.kind) {
    throw new AppError("conflict", "This Idempotency-Key was already used for a different amount or kind. Use a new key for a new credit.");
  }
  return { entry, replayed: true };
}

// Grants to one team serialise on its row while each holds a pooled connection: a burst of them
// (an admin script, a double submit) waits its turn rather than failing after Prisma's 2 s default.
const GRANT_TRANSACTION = { maxWait: 10_000 };

async function applyCredit(teamId: string, input: GrantCredit, externalRef: string | null, actor: Actor, requestId?: string) {
  return db.$transaction(async (tx) => {
    // A negative adjustment may take the balance below zero: it corrects the record, it is not a purchase.
    const entry = await postCredit(tx, {
      teamId,
      kind: input.kind,
      amount: input.amount,
      reason: input.reason,
      externalRef,
      requestId,
      actorUserId: actorUserId(actor),
    });
    if (!entry) throw notFound("This team");
    const metadata = { kind: input.kind, amount: input.amount.toString(), balanceAfter: String(entry.balanceAfter), reason: input.reason };
    await recordAudit(
      {
        ...auditActor(actor),
        teamId,
        action: "credit.granted",
        targetType: "credit_ledger_entry",
        targetId: entry.id,
        requestId,
        metadata,
      },
      tx,
    );
    return entry;
  }, GRANT_TRANSACTION);
}

export async function grantCredit(teamId: string, input: GrantCredit, actor: Actor, requestId?: string): Promise<GrantResult> {
  const externalRef = input.idempotencyKey ? `grant:${teamId}:${input.idempotencyKey}` : null;
  const replay = externalRef ? await findReplay(externalRef, input) : null;
  if (replay) return replay;
  try {
    return { entry: await applyCredit(teamId, input, externalRef, actor, requestId), replayed: false };
  } catch (error) {
    // Two requests with one key at the same moment: the loser's transaction rolled back entirely.
    if (externalRef && isUniqueViolation(error)) {
      const raced = await findReplay(externalRef, input);
      if (raced) return raced;
    }
    // The balance is an int8 of micro-units; PostgreSQL refused the sum and nothing was written.
    if (isOutOfRange(error))
      throw invalid({
        amount: `This would take the balance beyond ±${formatMoney(MAX_BALANCE_MICROS, currency())}, the most it can hold.`,
      });
    throw error;
  }
}
