// The discovery documents and the register, token and revocation endpoints are called from other
// origins by browser-based MCP clients. They carry no cookies and no ambient authority (every call
// brings its own code, verifier or token), so any origin may read their answers.
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, authorization, mcp-protocol-version",
  "access-control-max-age": "600",
};

export function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);
  return response;
}

export const corsPreflight = (): Response => new Response(null, { status: 204, headers: CORS });
