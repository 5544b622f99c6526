// Whether the server may send requests to a URL an admin or a team typed in (API upstreams, team
// webhooks): http or https, no credentials, and every address the host resolves to public. The
// check is repeated at connect time (lib/net/guarded-lookup.ts) because a name can resolve
// differently by then (DNS rebinding). ALLOW_PRIVATE_UPSTREAMS=true lifts the address rule, and the
// app's own origin is always allowed: the seeded Demo API forwards to `${APP_URL}/api/demo`.
import { isIP } from "node:net";
import { allowPrivateUpstreams, appUrl } from "@/lib/env";
import { classifyAddress } from "@/lib/net/address-policy";
import { firstRefused, resolveAll } from "@/lib/net/resolve";

type OutboundPurpose = "upstream" | "webhook";

/** Why a URL may not be called: `unresolved` can change by itself (DNS), the others cannot. */
type OutboundRefusal = { kind: "invalid" | "forbidden" | "unresolved"; reason: string };

const SUBJECT: Record<OutboundPurpose, string> = { upstream: "Upstreams", webhook: "Webhook URLs" };

/** The hostname without the brackets the URL syntax puts around IPv6 literals. */
export function bareHostname(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

let appOrigin: { url: string; origin: string } | undefined;

/** Same scheme, host and port as APP_URL (the URL class fills in default ports for both). */
function isAppOrigin(url: URL): boolean {
  const app = appUrl();
  if (appOrigin?.url !== app) appOrigin = { url: app, origin: new URL(app).origin };
  return url.origin === appOrigin.origin;
}

/** Private destinations are allowed by the flag, and the app's own origin always is. */
export function privateDestinationAllowed(url: URL): boolean {
  return allowPrivateUpstreams() || isAppOrigin(url);
}

/** The full check, telling apart refusals that a retry cannot fix from a name that did not resolve. */
export async function inspectOutboundUrl(url: string, purpose: OutboundPurpose = "upstream"): Promise<OutboundRefusal | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: "invalid", reason: `"${url}" is not a valid URL.` };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { kind: "invalid", reason: `Only http and https URLs are allowed, not ${parsed.protocol.replace(/:$/, "")}.` };
  }
  if (parsed.username || parsed.password) {
    return { kind: "invalid", reason: "The URL must not contain a user name or password; send credentials in a header instead." };
  }
  if (privateDestinationAllowed(parsed)) return null;

  const mustBePublic = `${SUBJECT[purpose]} must be public unless ALLOW_PRIVATE_UPSTREAMS=true.`;
  const host = bareHostname(parsed);
  if (isIP(host)) {
    const verdict = classifyAddress(host);
    return verdict.allowed ? null : { kind: "forbidden", reason: `${host} is ${verdict.reason}. ${mustBePublic}` };
  }
  try {
    const refused = firstRefused(await resolveAll(host));
    return refused && { kind: "forbidden", reason: `"${host}" resolves to ${refused.address}, ${refused.reason}. ${mustBePublic}` };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === "ENOTFOUND" || code === "ENODATA" ? "does not resolve to any address" : `could not be resolved (${code ?? "DNS error"})`;
    return { kind: "unresolved", reason: `"${host}" ${why}. Check the host name.` };
  }
}

/** null when the server may call `url`, else a reason to show the person who typed it. */
export async function checkOutboundUrl(url: string, options: { purpose?: OutboundPurpose } = {}): Promise<string | null> {
  return (await inspectOutboundUrl(url, options.purpose))?.reason ?? null;
}
