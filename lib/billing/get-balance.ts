import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { currency } from "@/lib/money";

/** A team's prepaid credit in micro-units, with the installation's currency. */
export async function getBalance(teamId: string): Promise<{ balance: bigint; currency: string }> {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { balance: true } });
  if (!team) throw notFound("This team");
  return { balance: team.balance, currency: currency() };
}
