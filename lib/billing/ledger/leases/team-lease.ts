// One team's lease on this instance: the credit it may spend in memory (`available`), how it grows
// (a take, then top-ups before it runs dry) and how it ends (`close`: what is pending is written and
// the rest given back). The calls spent from it wait for their ledger rows in its writer
// (lease-writer.ts), which writes them in batches.
//
// A refund or settle of a call still waiting for its write is made in memory (`closePending`): the
// call's pending charge becomes its exact cost, and the write records it with its settlement
// claim. The writer holds a reservation (an AI call's, settled when the call ends) back for up to
// `holdMs` for that: most AI calls end well within it and then cost no statement of their own, and
// their callers wait for none. Before, an AI call's reservation was written within the linger while
// the call was still running, and its settle took a close statement after it. A close of a call
// already written, or being written, is a statement as before.
import {
  returnLease,
  takeLease,
  topUpLease,
  writeLeaseCharges,
  type LeaseGrant,
  type LeasedCharge,
  type LeasedClose,
  type LeaseSnapshot,
  type WrittenCharges,
} from "@/lib/billing/ledger/leases/lease-statements";
import { LeaseWriter } from "@/lib/billing/ledger/leases/lease-writer";

export class TeamLease {
  private leaseId: string | null = null;
  /** credit of the lease not yet spent by a call, in memory */
  private available = 0n;
  /** the grant this lease asks for; a top-up starts when `available` falls below half of it */
  private target = 0n;
  private growing: Promise<boolean> | null = null;
  /** everything debited from this lease in memory, written or not */
  private debited = 0n;
  /**
   * The newest snapshot a statement returned (the team's balance with `charged` of this lease's calls
   * in it), for the X-Credit-Balance header: the balance minus what was debited since. Answers of
   * a top-up and a write can arrive in either order; the one with more charged is the newer.
   */
  private snapshot: LeaseSnapshot = { balance: 0n, charged: 0n };
  private readonly writer: LeaseWriter;
  closing = false;
  lastDebitAt = 0;

  constructor(
    readonly teamId: string,
    private readonly instanceId: string,
    private readonly ttlMs: number,
    writeLingerMs = 0,
    holdMs = 0,
  ) {
    this.writer = new LeaseWriter({
      teamId,
      lingerMs: writeLingerMs,
      holdMs,
      // Calls are debited only from a taken lease, and its id is cleared only after they are written.
      write: (batch) => writeLeaseCharges(this.teamId, this.leaseId!, this.ttlMs, batch),
      onWritten: (written) => this.afterWrite(written),
      closing: () => this.closing,
    });
  }

  get isOpen(): boolean {
    return this.leaseId !== null && !this.closing;
  }

  hasPending(): boolean {
    return this.writer.hasPending();
  }

  canDebit(price: bigint): boolean {
    return this.isOpen && this.available >= price;
  }

  /** Spends `charge.price` from the lease in memory; the caller checked canDebit. Returns the team's estimated balance. */
  debit(charge: LeasedCharge, now: number): bigint {
    this.available -= charge.price;
    this.debited += charge.price;
    this.lastDebitAt = now;
    this.writer.add(charge, now);
    return this.estimatedBalance();
  }

  /**
   * Refunds (`actual` 0) or settles a call that still waits for its write here, in memory: its
   * charge becomes `actual`, written with its settlement claim, and the rest of its reservation is
   * spendable again. Returns the team's estimated balance after it; null when the close is not this
   * lease's to make: the call is not pending here, its statement is under way, it was closed here
   * already, or it costs more than its reservation and the lease cannot cover the excess. The
   * caller then closes it with a statement, after its row (which claims a close made here first).
   */
  closePending(requestId: string, close: LeasedClose & { actual: bigint }): bigint | null {
    const found = this.writer.closable(requestId, close.reserved);
    if (!found) return null;
    const back = close.reserved - close.actual;
    if (back < 0n && this.available < -back) return null;
    this.writer.replace(found, { ...found.charge, price: close.actual, closed: { outcome: close.outcome, reserved: close.reserved } });
    this.available += back;
    this.debited -= back;
    return this.estimatedBalance();
  }

  /** True when the lease should grow before it runs dry. */
  wantsTopUp(): boolean {
    return this.isOpen && this.available * 2n < this.target;
  }

  /**
   * Takes the lease, or tops it up, once at a time: concurrent callers share one statement. Resolves
   * to whether the lease holds more credit than before.
   */
  grow(grant: LeaseGrant): Promise<boolean> {
    if (this.closing) return Promise.resolve(false);
    this.growing ??= this.runGrow(grant).finally(() => (this.growing = null));
    return this.growing;
  }

  private async runGrow(grant: LeaseGrant): Promise<boolean> {
    this.target = grant.want > this.target ? grant.want : this.target;
    if (this.leaseId === null) {
      const taken = await takeLease(this.teamId, this.instanceId, grant);
      if (!taken || this.closing) {
        if (taken) await returnLease(this.teamId, taken.id, "closed while it was taken");
        return false;
      }
      this.leaseId = taken.id;
      this.available = taken.granted;
      this.snapshot = { balance: taken.balance, charged: 0n };
      return true;
    }
    const topUp = await topUpLease(this.teamId, this.leaseId, grant);
    if (!topUp.open) {
      // Reclaimed while this instance stalled: what is pending is charged to the balance directly.
      this.available = 0n;
      this.closing = true;
      return false;
    }
    this.available += topUp.granted;
    this.adopt(topUp.snapshot);
    return topUp.granted > 0n;
  }

  /** Resolves once the call's ledger row is written (at once when it is not pending here). */
  written(requestId: string): Promise<void> {
    return this.writer.written(requestId);
  }

  /** Writes the calls pending now (LeaseWriter.flush); rejects when the database refuses. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /**
   * The housekeeping tick: reservations held past their time (all of them once the lease closes) go
   * to the writer, and a writer that stopped on a failure restarts when calls are waiting.
   */
  resume(now: number): void {
    this.writer.resume(this.closing ? Infinity : now);
  }

  private estimatedBalance(): bigint {
    return this.snapshot.balance - (this.debited - this.snapshot.charged);
  }

  private adopt(snapshot: LeaseSnapshot | null): void {
    if (snapshot && snapshot.charged >= this.snapshot.charged) this.snapshot = snapshot;
  }

  private afterWrite(written: WrittenCharges): void {
    this.adopt(written.snapshot);
    if (!written.fromLease && this.leaseId !== null) {
      // The lease was reclaimed under us (this instance stalled past its expiry): stop spending it.
      this.available = 0n;
      this.closing = true;
    }
  }

  private closed: Promise<bigint> | null = null;

  /**
   * Stops debiting, writes what is pending and gives the rest of the lease back. Returns that amount;
   * a second call waits for the first one's close and returns what it gave back.
   */
  close(reason: string): Promise<bigint> {
    // A close that failed (the database was away) may be tried again: the lease stays closing meanwhile.
    this.closed ??= this.runClose(reason).catch((error: unknown) => {
      this.closed = null;
      throw error;
    });
    return this.closed;
  }

  /** Closing, but its credit not given back yet (a close failed, or the lease was found reclaimed). */
  get awaitingReturn(): boolean {
    return this.closing && this.closed === null && this.leaseId !== null;
  }

  private async runClose(reason: string): Promise<bigint> {
    this.closing = true;
    if (this.growing) await this.growing.catch(() => false);
    this.writer.releaseHeld(Infinity);
    await this.writer.flush();
    if (this.leaseId === null) return 0n;
    const returned = await returnLease(this.teamId, this.leaseId, reason);
    this.leaseId = null;
    this.available = 0n;
    return returned;
  }
}
