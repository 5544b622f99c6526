// Drives Auth.js through its real route handlers (app/api/auth/[...nextauth]), the way a browser
// does: CSRF cookie and token, the credentials callback, the session endpoint and sign-out.
import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";

export const ORIGIN = "http://localhost:3000";

/** Cookies as a browser keeps them: name -> value, updated from each Set-Cookie. */
export class CookieJar {
  readonly values = new Map<string, string>();

  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair!.indexOf("=");
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.values.delete(name);
      else this.values.set(name, value);
    }
  }

  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** A copy, as an attacker who lifted the cookie would hold it. */
  copy(): CookieJar {
    const copy = new CookieJar();
    for (const [name, value] of this.values) copy.values.set(name, value);
    return copy;
  }

  sessionToken(): string | undefined {
    return [...this.values].find(([name]) => name.endsWith("authjs.session-token"))?.[1];
  }
}

type Call = { jar: CookieJar; url?: string; headers?: Record<string, string> };

async function call(method: "GET" | "POST", path: string, { jar, url = ORIGIN, headers = {} }: Call, body?: Record<string, string>) {
  const request = new NextRequest(new URL(path, url), {
    method,
    headers: {
      cookie: jar.header(),
      ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      ...headers,
    },
    body: body ? new URLSearchParams(body).toString() : undefined,
  });
  const response = await (method === "GET" ? handlers.GET(request) : handlers.POST(request));
  jar.store(response);
  return response;
}

async function csrfToken(options: Call): Promise<string> {
  const response = await call("GET", "/api/auth/csrf", options);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** POST /api/auth/callback/credentials; resolves to the response (a redirect either way). */
export async function signInOverHttp(email: string, password: string, options: Call) {
  const csrf = await csrfToken(options);
  return call("POST", "/api/auth/callback/credentials", options, { csrfToken: csrf, email, password, callbackUrl: "/teams" });
}

/** GET /api/auth/session: the session Auth.js reports for these cookies, or null. */
export async function sessionOverHttp(options: Call): Promise<{ user?: { id?: string; email?: string | null } } | null> {
  const response = await call("GET", "/api/auth/session", options);
  return (await response.json()) as { user?: { id?: string } } | null;
}

export async function signOutOverHttp(options: Call) {
  const csrf = await csrfToken(options);
  return call("POST", "/api/auth/signout", options, { csrfToken: csrf, callbackUrl: "/" });
}
