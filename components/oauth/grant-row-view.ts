// What one MCP grant row shows, formatted on the server, and whether the viewer may revoke it
// (owners and admins any grant, members the grants they gave).
import type { TeamGrant } from "@/lib/oauth/team-grants";
import { formatMoney } from "@/lib/money";

export type GrantRowView = {
  id: string;
  name: string;
  allowedBy: string;
  access: string;
  created: string;
  lastUsed: string;
  expires: string;
  spend: string;
  status: TeamGrant["status"];
  statusLabel: string;
  canRevoke: boolean;
};

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const moment = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const REVOKED_BECAUSE: Record<string, string> = {
  revoked_by_member: "Revoked",
  revoked_by_client: "Signed out by the client",
  refresh_token_reuse: "Revoked: a token was reused",
  code_replay: "Revoked: a code was reused",
  member_left: "Ended: the member left",
};

export function toGrantRowView(
  grant: TeamGrant,
  ctx: { viewerId: string; viewerIsAdmin: boolean; currency: string; you: string },
): GrantRowView {
  return {
    id: grant.id,
    name: `MCP: ${grant.clientName}`,
    allowedBy: grant.userId === ctx.viewerId ? ctx.you : grant.userLabel,
    access: grant.apiSlug ? `The API ${grant.apiSlug}` : "All subscribed APIs",
    created: day.format(grant.createdAt),
    lastUsed: grant.lastUsedAt ? `${moment.format(grant.lastUsedAt)} UTC` : "Never",
    expires: grant.expiresAt ? `${moment.format(grant.expiresAt)} UTC` : "Never",
    spend: `${formatMoney(grant.spent, ctx.currency)} / ${grant.spendCap === null ? "no cap" : formatMoney(grant.spendCap, ctx.currency)}`,
    status: grant.status,
    statusLabel:
      grant.status === "revoked"
        ? (REVOKED_BECAUSE[grant.revokedReason ?? ""] ?? "Revoked")
        : grant.status === "expired"
          ? "Expired"
          : "Active",
    canRevoke: grant.status === "active" && (ctx.viewerIsAdmin || grant.userId === ctx.viewerId),
  };
}
