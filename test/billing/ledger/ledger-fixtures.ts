// Ledger rows for tests, written with the team's balance moved by the same total in one
// transaction, so balance == sum(ledger amounts) holds as it does in the app.
import crypto from "node:crypto";
import { db, type LedgerEntryKind } from "@/lib/db";

export type EntrySpec = {
  kind: LedgerEntryKind;
  amount: bigint;
  createdAt: Date;
  apiId?: string | null;
  reason?: string;
  actorUserId?: string;
};

export async function addEntries(teamId: string, entries: EntrySpec[]) {
  const total = entries.reduce((sum, entry) => sum + entry.amount, 0n);
  await db.$transaction([
    db.creditLedgerEntry.createMany({ data: entries.map((entry) => ({ teamId, ...entry })) }),
    db.team.update({ where: { id: teamId }, data: { balance: { increment: total } } }),
  ]);
}

export async function createApi(name = "Weather") {
  const slug = `ledger-${crypto.randomBytes(5).toString("hex")}`;
  return db.api.create({ data: { slug, name: `${name} ${slug}`, upstreamBaseUrl: "http://127.0.0.1:9" } });
}

/** `n` copies of one entry. */
export const times = (n: number, entry: EntrySpec): EntrySpec[] => Array.from({ length: n }, () => ({ ...entry }));

export const at = (iso: string) => new Date(iso);
