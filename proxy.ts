// Next 16 request proxy. It authorizes nothing: it only passes the requested path on to server
// components (as `x-tollgate-path`), so a sign-in redirect can come back to the exact page.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-tollgate-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

// Pages only: the gateway, webhooks and other API routes never pay for this hop.
export const config = { matcher: ["/((?!api/|_next/|favicon.ico|robots.txt).*)"] };
