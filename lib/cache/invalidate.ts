// Cache invalidation by name. Domain code says what changed (`invalidate("api", slug)`); whoever
// caches it (the gateway) registers what to forget with onInvalidate. The change takes effect in
// this process at once and is announced to the other instances over PostgreSQL NOTIFY
// (listen-for-invalidations.ts applies it there). Handlers live on globalThis: each Next.js route
// bundle loads its own copy of this module, and a change made in one bundle must reach the caches
// another bundle filled. When nothing registered a name in this process, nothing was cached.
import { pgPool } from "@/lib/db";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("cache");

/** What changed, and the key each name carries. */
export type InvalidationName =
  /** an API or its plans; key: the API's slug */
  | "api"
  /** a team's subscription to an API; key: subscriptionKey(teamId, apiId) */
  | "subscription"
  /** an API key (revoked, rotated, changed); key: the key's SHA-256 hash */
  | "api-key"
  /** an AI model, its deployments or providers, or the models an API publishes; key: the model's public id, or "*" */
  | "ai-model";

export const subscriptionKey = (teamId: string, apiId: string): string => `${teamId}:${apiId}`;

/** Forgets one key, or everything under the name when `key` is null (after a listener reconnect). */
type Forget = (key: string | null) => void;

export const INVALIDATION_CHANNEL = "tollgate_cache";

type Registry = Map<string, Map<string, Forget>>;
const globalRegistry = globalThis as typeof globalThis & { __tollgateInvalidationHandlers?: Registry };
const registry = (globalRegistry.__tollgateInvalidationHandlers ??= new Map());

/**
 * Registers what this process forgets when `name` changes. `id` names the registration, so a module
 * loaded again (another route bundle, a dev reload) replaces its handler instead of adding one.
 */
export function onInvalidate(name: InvalidationName, id: string, forget: Forget): void {
  let handlers = registry.get(name);
  if (!handlers) registry.set(name, (handlers = new Map()));
  handlers.set(id, forget);
}

/** Call after the change is committed: forgets here at once, then tells the other instances. */
export function invalidate(name: InvalidationName, key: string): void {
  forgetLocally(name, key);
  announceInvalidation(name, key);
}

/** Runs this process's handlers for `name`; an unknown name (sent by another version) changes nothing. */
export function forgetLocally(name: string, key: string | null): void {
  for (const forget of registry.get(name)?.values() ?? []) forget(key);
}

/** Every registered cache starts afresh (announcements were lost while the listener was down). */
export function forgetEverything(): void {
  for (const name of registry.keys()) forgetLocally(name, null);
}

/** Tells the other instances (best effort: if the message is lost, the caches' TTL is the bound). */
export function announceInvalidation(name: InvalidationName, key: string): void {
  if (!process.env.DATABASE_URL) return;
  pgPool()
    .query("SELECT pg_notify($1, $2)", [INVALIDATION_CHANNEL, JSON.stringify({ name, key })])
    .catch((error) => log.warn({ err: error }, "could not announce an invalidation (TTL still applies)"));
}
