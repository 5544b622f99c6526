// The per-request security of pages, applied by proxy.ts: requests a page must refuse (a broken
// request line, a cross-origin form post) and the headers whose value depends on the request (the
// Content-Security-Policy with its nonce, HSTS on HTTPS). The static headers every non-gateway
// response carries (nosniff, Referrer-Policy, Permissions-Policy) are in next.config.js.
import { appUrl } from "@/lib/env";
import { clientFromRequest } from "@/lib/http/client-address";
import { requestLineProblem } from "@/lib/http/request-line";

/** A year, the value HSTS preload lists ask for. */
const HSTS = "max-age=31536000; includeSubDomains";

export type PageSecurity = { nonce: string; https: boolean; development: boolean };

/**
 * Scripts run only with this response's nonce, and what they load ('strict-dynamic': Next.js chunks,
 * Scalar's lazy-loaded reference). Styles allow inline: Scalar and React style attributes inject
 * them, and a nonce in style-src would switch 'unsafe-inline' off. Nothing is fetched, framed or
 * posted to another origin. Development adds 'unsafe-eval', which React's dev tooling needs.
 */
export function contentSecurityPolicy({ nonce, https, development }: PageSecurity): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The response headers of a page; HSTS only when the client reached us over HTTPS (TRUSTED_PROXIES decides who may say so). */
export function pageSecurityHeaders(request: Request, nonce: string): Record<string, string> {
  const https = clientFromRequest(request).proto === "https";
  const policy = contentSecurityPolicy({ nonce, https, development: process.env.NODE_ENV === "development" });
  return { "content-security-policy": policy, ...(https ? { "strict-transport-security": HSTS } : {}) };
}

/** A fresh, unguessable nonce per response (128 bits). */
export const newNonce = (): string => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));

/**
 * Why a page request is refused, or null. A POST to a page is a server
 * action; from another origin it is a forged form (CSRF), which Next.js itself refused with a 500.
 */
export function pageRequestProblem(request: Request): { code: "bad_request" | "forbidden"; detail: string } | null {
  const url = new URL(request.url);
  const lineProblem = requestLineProblem(request.method, url.pathname + url.search);
  if (lineProblem) return { code: "bad_request", detail: lineProblem };
  const origin = request.headers.get("origin");
  if (request.method === "GET" || request.method === "HEAD" || origin === null) return null;
  if (origin === new URL(appUrl()).origin || originHost(origin) === clientFromRequest(request).host) return null;
  return { code: "forbidden", detail: "Forms on this site can only be submitted from its own pages." };
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (a sandboxed frame) or garbage: never our own origin
  }
}
