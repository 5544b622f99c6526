// Credit leases: how a busy team's calls are charged without a database statement on the caller's
// path. When a team's calls on this instance reach LEASE settings' `minCallsPerSecond`, the instance
// moves a slice of the team's spendable credit into a lease (one statement), debits each call from it
// in memory, and writes the calls' ledger rows in batches right behind them (team-lease.ts). The
// lease is topped up before it runs dry, and given back when the team goes idle here, when the
// instance stops (SIGTERM), and when the team's credit runs low (a charge statement that finds too
// little spendable credit while this instance holds some in a lease gives it back and tries once more).
// A lease whose instance died is reclaimed by any instance once it expires.
//
// Sizes follow the team's rate: a lease asks for `leaseSeconds` of the team's spend here, at least
// `minCalls` calls, and gets at most a `1/share` of what is spendable, in whole calls. As the credit
// nears zero the slice falls below `minCalls` calls and the team's calls go back to one charge
// statement each, so a team funded for N calls gets exactly N across instances.
//
// A "false 402" (credit that another instance holds in a lease) lasts at most until that instance
// gives it back: while it is busy it spends the lease within about `leaseSeconds`; once idle for
// `idleMs` it returns it at the next tick (`tickMs`); if it died, the lease expires `ttlMs` after its
// last write and the next sweep (`sweepMs`) reclaims it. README, "Credit leases", states the figures.
import { instanceId } from "@/lib/instances/instance-id";
import { reclaimExpiredLeases, type LeasedClose } from "@/lib/billing/ledger/leases/lease-statements";
import { TeamLease } from "@/lib/billing/ledger/leases/team-lease";
import type { ChargeRequest, ChargeResult } from "@/lib/billing/ledger/charge-call";

export type LeaseSettings = {
  enabled: boolean;
  minCallsPerSecond: number;
  leaseSeconds: number;
  minCalls: number;
  share: number;
  idleMs: number;
  ttlMs: number;
  /** how long a lease's first unwritten call waits for others to share its statement (team-lease.ts) */
  writeLingerMs: number;
  /** how long a reservation waits for its settle before it is written without it (team-lease.ts) */
  reservationHoldMs: number;
  tickMs: number;
  sweepMs: number;
};

const fromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export const DEFAULT_LEASE_SETTINGS: LeaseSettings = {
  enabled: process.env.CREDIT_LEASES !== "off",
  minCallsPerSecond: fromEnv("CREDIT_LEASE_MIN_CALLS_PER_SECOND", 20),
  leaseSeconds: 1,
  minCalls: 8,
  share: 4,
  idleMs: fromEnv("CREDIT_LEASE_IDLE_MS", 1_000),
  ttlMs: fromEnv("CREDIT_LEASE_TTL_MS", 10_000),
  writeLingerMs: 20,
  reservationHoldMs: 1_000,
  tickMs: 250,
  sweepMs: 2_000,
};

type TeamRate = { second: number; calls: number; spend: bigint; lastCalls: number; lastSpend: bigint };

type Registry = {
  settings: LeaseSettings;
  leases: Map<string, TeamLease>;
  rates: Map<string, TeamRate>;
  timer: NodeJS.Timeout | null;
  lastSweep: number;
};

// One registry per process, also across bundle copies of this module (Next bundles it more than once).
const holder = globalThis as typeof globalThis & { __tollgateCreditLeases?: Registry };
const registry: Registry = (holder.__tollgateCreditLeases ??= {
  settings: { ...DEFAULT_LEASE_SETTINGS },
  leases: new Map(),
  rates: new Map(),
  timer: null,
  lastSweep: 0,
});

/** Changes the settings (tests shorten the times; CREDIT_LEASES=off turns leases off). */
export function configureCreditLeases(settings: Partial<LeaseSettings>): void {
  registry.settings = { ...registry.settings, ...settings };
}

export function creditLeaseSettings(): LeaseSettings {
  return registry.settings;
}

/**
 * Charges the call from this instance's lease of the team, taking or growing the lease when the team
 * is busy. Null when the call is not for a lease (leases off, a spend-capped key, a free call, a quiet
 * team, or no slice to be had): the caller charges it with a statement.
 */
export async function chargeFromLease(request: ChargeRequest): Promise<ChargeResult | null> {
  const { settings } = registry;
  if (!settings.enabled || request.capped || request.price <= 0n) return null;
  const now = Date.now();
  const rate = noteCall(request.teamId, request.price, now);
  let lease = registry.leases.get(request.teamId);
  if (!lease?.canDebit(request.price)) {
    if (!isBusy(rate, settings)) return null;
    if (!lease || (lease.closing && !lease.hasPending())) {
      lease = new TeamLease(request.teamId, instanceId(), settings.ttlMs, settings.writeLingerMs, settings.reservationHoldMs);
      lease.lastDebitAt = now; // not idle while it is being taken
      registry.leases.set(request.teamId, lease);
      startHousekeeping();
    }
    const grew = await lease.grow(grantFor(request.price, rate, settings)).catch(() => false);
    if (!grew || !lease.canDebit(request.price)) return null;
  }
  // The request is the pending charge itself (a LeasedCharge with two fields more): no copy per call.
  const balanceAfter = lease.debit(request, now);
  if (lease.wantsTopUp()) void lease.grow(grantFor(request.price, rate, settings)).catch(() => false);
  return { ok: true, balanceAfter };
}

/**
 * Refunds or settles a leased call whose charge this instance has not written yet, in memory, to be
 * written with it (TeamLease.closePending). Returns the team's estimated balance after it, or null
 * when the close needs a statement.
 */
export function closeLeasedCall(close: LeasedClose & { teamId: string; requestId: string; actual: bigint }): bigint | null {
  return registry.leases.get(close.teamId)?.closePending(close.requestId, close) ?? null;
}

/** Resolves once the call's charge is in the ledger: a close (refund, settle) of a leased call waits for it. */
export function leasedChargeWritten(requestId: string, teamId: string): Promise<void> {
  return registry.leases.get(teamId)?.written(requestId) ?? Promise.resolve();
}

/** Writes every leased call's ledger row now (the usage batch runs it first: a usage row never precedes its charge). */
export async function flushLeaseCharges(): Promise<void> {
  await Promise.all([...registry.leases.values()].map((lease) => lease.flush()));
}

export function hasOpenLeases(): boolean {
  return registry.leases.size > 0;
}

/**
 * Gives back this instance's lease of the team (after writing its calls): a charge statement found too
 * little spendable credit, and the lease may hold what it needs. True when credit came back.
 */
export async function returnTeamLease(teamId: string, reason: string): Promise<boolean> {
  const lease = registry.leases.get(teamId);
  if (!lease) return false;
  // A close already under way (another call's 402, or idle) is waited for: its credit is what this
  // call may need, and it is spendable once the close has committed.
  const returned = await lease.close(reason);
  if (registry.leases.get(teamId) === lease) registry.leases.delete(teamId);
  return returned > 0n;
}

/** On shutdown, after the last call: every lease written and given back. */
export async function returnAllLeases(reason = "instance stopping"): Promise<void> {
  stopHousekeeping();
  await Promise.all([...registry.leases.keys()].map((teamId) => returnTeamLease(teamId, reason)));
}

function noteCall(teamId: string, price: bigint, now: number): TeamRate {
  const second = Math.floor(now / 1000);
  let rate = registry.rates.get(teamId);
  if (!rate) {
    rate = { second, calls: 0, spend: 0n, lastCalls: 0, lastSpend: 0n };
    registry.rates.set(teamId, rate);
  }
  if (rate.second !== second) {
    const consecutive = second === rate.second + 1;
    rate.lastCalls = consecutive ? rate.calls : 0;
    rate.lastSpend = consecutive ? rate.spend : 0n;
    rate.second = second;
    rate.calls = 0;
    rate.spend = 0n;
  }
  rate.calls += 1;
  rate.spend += price;
  return rate;
}

function isBusy(rate: TeamRate, settings: LeaseSettings): boolean {
  return Math.max(rate.calls, rate.lastCalls) >= settings.minCallsPerSecond;
}

function grantFor(price: bigint, rate: TeamRate, settings: LeaseSettings) {
  const spendPerSecond = rate.lastSpend > rate.spend ? rate.lastSpend : rate.spend;
  const bySpend = (spendPerSecond * BigInt(Math.round(settings.leaseSeconds * 1000))) / 1000n;
  const minimum = price * BigInt(settings.minCalls);
  const want = bySpend > minimum ? (bySpend / price) * price : minimum;
  return { want, unit: price, minimum, share: BigInt(settings.share), ttlMs: settings.ttlMs };
}

function startHousekeeping(): void {
  if (registry.timer) return;
  registry.timer = setInterval(() => void housekeeping(Date.now()), registry.settings.tickMs);
  registry.timer.unref();
}

function stopHousekeeping(): void {
  if (registry.timer) clearInterval(registry.timer);
  registry.timer = null;
}

/** Idle leases go back, stalled writers resume, and now and then expired leases of any instance are reclaimed. */
async function housekeeping(now: number): Promise<void> {
  const { settings } = registry;
  for (const [teamId, lease] of registry.leases) {
    if (lease.closing) {
      // Given back, or reclaimed under a stalled instance: forgotten once its calls are written and
      // its credit is back (a close the database refused is tried again here).
      if (lease.hasPending()) lease.resume(now);
      else if (lease.awaitingReturn) void returnTeamLease(teamId, "idle").catch(() => {});
      else if (registry.leases.get(teamId) === lease) registry.leases.delete(teamId);
    } else if (now - lease.lastDebitAt >= settings.idleMs) void returnTeamLease(teamId, "idle").catch(() => {});
    else lease.resume(now);
  }
  for (const [teamId, rate] of registry.rates) if (now - rate.second * 1000 > 2_000) registry.rates.delete(teamId);
  if (now - registry.lastSweep >= settings.sweepMs) {
    registry.lastSweep = now;
    await reclaimExpiredLeases().catch(() => {});
  }
}
