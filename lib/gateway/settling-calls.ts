// Work a call still does after its response has ended: the refund of a body the upstream broke off,
// then the call's usage event. The drain on SIGTERM (node-server.ts drainServer) waits for it before
// the last usage batch is written, so such a call is neither left charged nor unrecorded.

type Settling = { pending: Set<Promise<void>> };

// On globalThis, like the usage buffer: the route handler and the server may be separate bundles.
const globalSettling = globalThis as typeof globalThis & { __tollgateSettling?: Settling };
const state: Settling = (globalSettling.__tollgateSettling ??= { pending: new Set() });

/** Runs `work` off the response; its failure is the caller's to report (it must not reject). */
export function settleLater(work: Promise<void>): void {
  const tracked = work.finally(() => state.pending.delete(tracked));
  state.pending.add(tracked);
}

/** Resolves when every call's settling work has finished, including work started meanwhile. */
export async function callsSettled(): Promise<void> {
  while (state.pending.size > 0) await Promise.allSettled([...state.pending]);
}
