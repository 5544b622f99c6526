// Where a caller's credential comes from: `Authorization: Bearer <token>` or `X-API-Key: <token>`.
// Never the query string: URLs end up in logs, browser history and proxies.

export function readBearerToken(headers: Pick<Headers, "get">): string | null {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1] : null;
  }
  const apiKey = headers.get("x-api-key")?.trim();
  return apiKey ? apiKey : null;
}
