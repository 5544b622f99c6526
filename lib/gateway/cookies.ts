// Cookies across the gateway. Gateway answers come from the portal's origin, so an upstream's
// Set-Cookie would land in the browser next to the portal's own session (an upstream could set
// `authjs.session-token`). By default the gateway drops Set-Cookie and forwards no Cookie. An API
// with `relayCookies` gets its cookies through, scoped: the Path forced under the API's gateway path,
// no Domain, never a portal cookie name; and the caller's Cookie header reaches it without the
// portal's cookies.

/** The cookies the app sets itself (Auth.js, Next.js draft mode), with or without a __Secure-/__Host- prefix. */
const PORTAL_COOKIE = /^(authjs\.|next-auth\.|__next|__prerender_bypass$)/i;
const NAME_PREFIX = /^__(secure|host)-/i;

/** Whether `name` is one of the portal's cookies, or a __Host- cookie (which must have Path=/, so can never be scoped). */
export function isPortalCookie(name: string): boolean {
  return /^__host-/i.test(name) || PORTAL_COOKIE.test(name.replace(NAME_PREFIX, ""));
}

/** Where the cookies of an API with relayCookies live: `/api/gateway/{slug}`, and the path its upstream base URL starts with. */
export type CookieScope = { slug: string; upstreamBaseUrl: string };

const SAFE_PATH = /^[A-Za-z0-9\-._~/!$&'()*+,=:@]*$/;

/**
 * The Path the browser gets: the gateway path of the API, plus what the upstream's own Path adds to
 * its base URL's path (`/v1/cart` under a base of `https://host/v1` becomes `/api/gateway/{slug}/cart`).
 * Anything else (outside the base path, dot segments, odd characters) gets the API's gateway path.
 */
function gatewayCookiePath(scope: CookieScope, upstreamPath: string | undefined): string {
  const root = `/api/gateway/${scope.slug}`;
  if (!upstreamPath?.startsWith("/")) return root;
  const basePath = new URL(scope.upstreamBaseUrl).pathname.replace(/\/+$/, "");
  if (basePath && upstreamPath !== basePath && !upstreamPath.startsWith(`${basePath}/`)) return root;
  const rest = upstreamPath.slice(basePath.length);
  if (rest === "/" || !SAFE_PATH.test(rest) || rest.split("/").some((segment) => segment === "." || segment === "..")) return root;
  return root + rest;
}

/** One upstream Set-Cookie as the caller receives it, or null when it must not reach the browser. */
export function scopedSetCookie(header: string, scope: CookieScope): string | null {
  const [pair = "", ...attributes] = header.split(";");
  const equals = pair.indexOf("=");
  const name = equals === -1 ? "" : pair.slice(0, equals).trim();
  if (!name || isPortalCookie(name)) return null;
  let upstreamPath: string | undefined;
  const kept: string[] = [];
  for (const attribute of attributes) {
    const key = attribute.split("=", 1)[0]!.trim().toLowerCase();
    if (key === "path") upstreamPath = attribute.slice(attribute.indexOf("=") + 1).trim();
    else if (key !== "domain" && key !== "") kept.push(attribute.trim());
  }
  return [pair.trim(), `Path=${gatewayCookiePath(scope, upstreamPath)}`, ...kept].join("; ");
}

/**
 * The caller's Cookie header for an API with relayCookies: every cookie but the portal's, or null if
 * none is left. Split at commas too (no cookie value may hold one): two Cookie headers arrive joined
 * by ", ", and a portal cookie must not ride along inside another one's value.
 */
export function upstreamCookieHeader(header: string): string | null {
  const kept = header
    .split(/[;,]/)
    .map((pair) => pair.trim())
    .filter((pair) => pair.includes("=") && !isPortalCookie(pair.split("=", 1)[0]!.trim()));
  return kept.length > 0 ? kept.join("; ") : null;
}
