// Whether this instance is draining: set once when SIGTERM starts the shutdown (lib/gateway/node-server.ts
// stopServer), read by GET /api/ready so load balancers stop sending traffic. Kept on globalThis
// because Next.js bundles its own copy of this module beside the one scripts/serve.ts runs.
const SLOT = Symbol.for("tollgate.draining");

type WithSlot = typeof globalThis & { [SLOT]?: boolean };

export function startDraining(): void {
  (globalThis as WithSlot)[SLOT] = true;
}

export function isDraining(): boolean {
  return (globalThis as WithSlot)[SLOT] === true;
}
