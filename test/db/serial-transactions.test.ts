// A transaction is one pg client; pg 9 rejects a statement sent while another runs on it (8.19+
// warns). Prisma loads an include's relations concurrently, so lib/db-serial-transactions.ts makes
// each transaction send one statement at a time. These tests watch every pg client for overlap.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, PrismaClient, type Prisma } from "@/lib/db";
import { createTeamWithOwner, addMember } from "@/test/factories";

// Several relations of one row: Prisma fetches them with one concurrent statement each.
const manyRelations = {
  memberships: { orderBy: { createdAt: "asc" } },
  invitations: true,
  subscriptions: true,
  apiKeys: true,
  auditEntries: true,
} satisfies Prisma.TeamInclude;

/** Counts statements sent to a pg client while an earlier one on that client has not finished. */
function watchOverlaps() {
  const query = pg.Client.prototype.query;
  const running = new WeakMap<object, number>();
  let overlaps = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const before = running.get(this) ?? 0;
    if (before > 0) overlaps++;
    const result = (query as (...a: unknown[]) => unknown).apply(this, args);
    // Prisma's adapter uses the promise form; the callback form (pool.query) is one statement per checkout.
    if (result instanceof Promise) {
      running.set(this, before + 1);
      result.then(
        () => running.set(this, (running.get(this) ?? 1) - 1),
        () => running.set(this, (running.get(this) ?? 1) - 1),
      );
    }
    return result;
  } as typeof query;
  return { overlaps: () => overlaps, restore: () => void (pg.Client.prototype.query = query) };
}

let watch: ReturnType<typeof watchOverlaps>;
beforeEach(() => void (watch = watchOverlaps()));
afterEach(() => watch.restore());

async function teamWithRelations() {
  const { team } = await createTeamWithOwner();
  await addMember(team.id, "MEMBER");
  return team;
}

describe("transactions on the app's Prisma client", () => {
  it("load an include's relations one statement at a time, with the same result as outside a transaction", async () => {
    const team = await teamWithRelations();
    const inside = await db.$transaction((tx) => tx.team.findUniqueOrThrow({ where: { id: team.id }, include: manyRelations }));
    expect(watch.overlaps()).toBe(0);
    const outside = await db.team.findUniqueOrThrow({ where: { id: team.id }, include: manyRelations });
    expect(inside).toEqual(outside);
    expect(inside.memberships.map((m) => m.role)).toEqual(["OWNER", "MEMBER"]);
  });

  it("queue the statements of a Promise.all in order, and every one sees the transaction's own writes", async () => {
    const team = await teamWithRelations();
    const [renamed, members, again] = await db.$transaction(async (tx) => {
      await tx.team.update({ where: { id: team.id }, data: { name: "Renamed in tx" } });
      return Promise.all([
        tx.team.findUniqueOrThrow({ where: { id: team.id }, select: { name: true } }),
        tx.membership.count({ where: { teamId: team.id } }),
        tx.team.findUniqueOrThrow({ where: { id: team.id }, include: manyRelations }),
      ]);
    });
    expect(watch.overlaps()).toBe(0);
    expect(renamed.name).toBe("Renamed in tx");
    expect(members).toBe(2);
    expect(again.memberships).toHaveLength(2);
  });

  it("roll back after a failing statement of a Promise.all, with ROLLBACK waiting for the rest", async () => {
    const team = await teamWithRelations();
    const other = await teamWithRelations();
    const attempt = db.$transaction(async (tx) => {
      await tx.team.update({ where: { id: team.id }, data: { name: "Never committed" } });
      await Promise.all([
        tx.team.findUniqueOrThrow({ where: { id: team.id }, include: manyRelations }),
        tx.team.update({ where: { id: team.id }, data: { slug: other.slug } }),
        tx.team.findUniqueOrThrow({ where: { id: other.id }, include: manyRelations }),
      ]);
    });
    await expect(attempt).rejects.toMatchObject({ code: "P2002" });
    expect(watch.overlaps()).toBe(0);
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).name).toBe(team.name);
    // The connection went back to the pool in a usable state.
    expect(await db.$transaction((tx) => tx.team.count({ where: { id: { in: [team.id, other.id] } } }))).toBe(2);
  });
});

describe("the stock adapter (why lib/db-serial-transactions.ts exists)", () => {
  const stock = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 2 }) });
  afterAll(() => stock.$disconnect());

  // If this starts failing after a Prisma upgrade, the adapter serialises transactions itself and
  // SerialTransactionsPrismaPg can go (upstream: prisma/orm#29468, #29979).
  it("sends an include's relation queries concurrently on the transaction's client", async () => {
    const team = await teamWithRelations();
    // The overlap is the point here: keep pg's once-per-process warning for the guard in setup-env.ts.
    process.noDeprecation = true;
    try {
      await stock.$transaction((tx) => tx.team.findUniqueOrThrow({ where: { id: team.id }, include: manyRelations }));
    } finally {
      process.noDeprecation = false;
    }
    expect(watch.overlaps()).toBeGreaterThan(0);
  });
});
