// What one row of the keys table shows, formatted on the server (dates in one time zone, money as
// text), plus what the viewer may do with the key.
import type { PublicApiKey } from "@/lib/keys/public-api-key";
import { formatMoney, microsToDecimal } from "@/lib/money";
import { countOf } from "@/components/usage/usage-format";

export type KeyRowView = {
  id: string;
  name: string;
  masked: string;
  scopes: string;
  manage: boolean;
  created: string;
  createdBy: string | null;
  lastUsed: string;
  /** calls and spend over the last 30 days, e.g. "1,204 calls · $2.41" */
  usage: string;
  expires: string;
  /** e.g. that a rotated key stops at the end of its grace period */
  expiresNote: string | null;
  /** "Spent / cap": what the key actually spent over its life, and its cap */
  spend: string;
  /** the edit form's starting values; null when the viewer may not edit the key or it no longer works */
  edit: { spendCap: string; expiresOn: string; currency: string } | null;
  status: PublicApiKey["status"];
  canRevoke: boolean;
  canRotate: boolean;
};

export type KeyRowContext = {
  viewerId: string;
  viewerIsAdmin: boolean;
  currency: string;
  apiNames: Map<string, string>;
  memberNames: Map<string, string>;
  /** calls and spend (charges minus refunds) per key id over the last 30 days; absent keys had none */
  usage?: Map<string, { calls: number; spend: bigint }>;
  /** lifetime spend per key id (lib/keys/key-spend.ts), for keys without a cap, whose `spent` the gateway does not count */
  lifetimeSpend?: Map<string, bigint>;
};

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const moment = new Intl.DateTimeFormat("en", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
  timeZoneName: "short",
});

const EXPIRES_NOTES: Partial<Record<PublicApiKey["status"], string>> = {
  rotating: "End of the grace period after rotation",
  rotated: "Replaced by a rotated key",
};

export function toKeyRowView(key: PublicApiKey, ctx: KeyRowContext): KeyRowView {
  const mayAct = ctx.viewerIsAdmin || key.createdById === ctx.viewerId;
  const live = key.status === "active" || key.status === "rotating";
  // A capped key's `spent` is the count its cap is checked against (kept exact by the gateway).
  const spent = key.spendCap === null ? (ctx.lifetimeSpend?.get(key.id) ?? 0n) : key.spent;
  return {
    id: key.id,
    name: key.name,
    masked: key.masked,
    scopes: key.scopeAllApis ? "All subscribed APIs" : key.scopeApiIds.map((id) => ctx.apiNames.get(id) ?? "a removed API").join(", "),
    manage: key.scopeManage,
    created: day.format(key.createdAt),
    createdBy: key.createdById ? (ctx.memberNames.get(key.createdById) ?? "a former member") : null,
    lastUsed: key.lastUsedAt ? moment.format(key.lastUsedAt) : "Never",
    usage: usageText(ctx.usage?.get(key.id), ctx.currency),
    expires: key.expiresAt ? moment.format(key.expiresAt) : "Never",
    expiresNote: EXPIRES_NOTES[key.status] ?? null,
    spend: `${formatMoney(spent, ctx.currency)} / ${key.spendCap === null ? "no cap" : formatMoney(key.spendCap, ctx.currency)}`,
    edit:
      mayAct && key.status === "active"
        ? {
            spendCap: key.spendCap === null ? "" : microsToDecimal(key.spendCap, 0),
            expiresOn: key.expiresAt ? key.expiresAt.toISOString().slice(0, 10) : "",
            currency: ctx.currency,
          }
        : null,
    status: key.status,
    canRevoke: mayAct && live,
    canRotate: mayAct && key.status === "active",
  };
}

function usageText(usage: { calls: number; spend: bigint } | undefined, currency: string): string {
  if (!usage || usage.calls === 0) return "No calls";
  return `${countOf(usage.calls, "call")} · ${formatMoney(usage.spend, currency)}`;
}
