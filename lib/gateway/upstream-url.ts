// The upstream URL for a call: the API's base URL + the path after `/api/gateway/{slug}` + the
// query, taken from the raw request URL. Paths that could step outside the base URL or be read
// differently by the upstream than by us (dot segments, encoded slashes or backslashes, NUL,
// absolute URLs smuggled into the path) are refused rather than normalised.

export type GatewayTarget = { slug: string; path: string; search: string };

const GATEWAY_PREFIX = "/api/gateway/";
const FORBIDDEN_ENCODINGS = /%(2f|5c|00)/i;

export class BadGatewayPath extends Error {}

/** Splits `/api/gateway/{slug}/{rest}?{query}` from the raw URL, refusing unsafe paths. */
export function parseGatewayUrl(rawUrl: string | URL): GatewayTarget {
  const url = typeof rawUrl === "string" ? new URL(rawUrl) : rawUrl;
  const pathname = url.pathname;
  if (!pathname.startsWith(GATEWAY_PREFIX)) throw new BadGatewayPath("The path does not start with /api/gateway/.");
  const rest = pathname.slice(GATEWAY_PREFIX.length);
  const slash = rest.indexOf("/");
  const slug = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? "/" : rest.slice(slash);

  if (FORBIDDEN_ENCODINGS.test(path)) {
    throw new BadGatewayPath("The path contains an encoded slash, backslash or NUL character.");
  }
  if (path.split("/").some((segment) => isDotSegment(segment))) {
    throw new BadGatewayPath("The path contains `.` or `..` segments.");
  }
  if (path.includes("\\") || path.startsWith("//") || /^\/[a-z][a-z0-9+.-]*:/i.test(path)) {
    throw new BadGatewayPath("The path must be relative to the API; absolute URLs are not allowed.");
  }
  return { slug, path, search: url.search };
}

function isDotSegment(segment: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new BadGatewayPath("The path contains a malformed percent-encoding.");
  }
  return decoded === "." || decoded === "..";
}

/** The API slug: the first segment after /api/gateway/ (checked against the catalog, not trusted). */
export function gatewaySlug(url: URL): string {
  return url.pathname.slice(GATEWAY_PREFIX.length).split("/", 1)[0] ?? "";
}

/** Joins the API's base URL with the caller's path and query. */
export function upstreamUrl(baseUrl: string, target: GatewayTarget): string {
  const base = baseUrl.replace(/\/+$/, "");
  return `${base}${target.path}${target.search}`;
}
