// Next 16 request proxy, pages only. It authorizes nothing: it refuses requests no page may take
// (lib/http/page-security.ts: a broken request line, a cross-origin form post), gives each page its
// Content-Security-Policy nonce (Next.js reads it from the request's CSP header and puts it on its
// scripts) and HSTS on HTTPS, and passes the requested path on to server components (as
// `x-tollgate-path`), so a sign-in redirect can come back to the exact page.
import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageRequestProblem, pageSecurityHeaders } from "@/lib/http/page-security";
import { problemResponse } from "@/lib/http/problem";
import { newRequestId } from "@/lib/http/request-id";

export function proxy(request: NextRequest) {
  const problem = pageRequestProblem(request);
  if (problem) return problemResponse(problem.code, problem.detail, newRequestId());
  const security = pageSecurityHeaders(request, newNonce());
  const headers = new Headers(request.headers);
  headers.set("x-tollgate-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", security["content-security-policy"]);
  const response = NextResponse.next({ request: { headers } });
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

// Pages only: the gateway, webhooks and other API routes never pay for this hop.
export const config = { matcher: ["/((?!api/|_next/|favicon.ico|robots.txt).*)"] };
