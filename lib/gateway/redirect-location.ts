// An upstream's redirect as the caller receives it. The gateway never follows redirects (undici's
// request does not, and no redirect interceptor is installed): the caller decides, and pays for the
// next call. A Location inside the API's upstream base URL is rewritten onto the API's gateway path,
// so following it stays metered and authenticated; a Location anywhere else passes unchanged.
import { gatewayUrl } from "@/lib/env";

export const isRedirect = (status: number): boolean => status >= 300 && status < 400;

/**
 * `calledUrl` is the URL the call went to, which a relative Location is resolved against. Inside the
 * base means the same origin and a path at or under the base URL's path (`https://up/v1/items` under
 * `https://up/v1`, not `https://up/v10`); the rest of the path, the query and the fragment are kept.
 */
export function gatewayLocation(location: string, calledUrl: string, upstreamBaseUrl: string, slug: string): string {
  let target: URL;
  let base: URL;
  try {
    target = new URL(location, calledUrl);
    base = new URL(upstreamBaseUrl);
  } catch {
    return location;
  }
  if (target.origin !== base.origin) return location;
  const basePath = base.pathname.replace(/\/+$/, "");
  const path = target.pathname;
  if (basePath && path !== basePath && !path.startsWith(`${basePath}/`)) return location;
  return `${gatewayUrl()}/api/gateway/${slug}${path.slice(basePath.length)}${target.search}${target.hash}`;
}
