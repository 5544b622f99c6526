// Pure helpers of the try-it console: turning what was typed into the request it posts.

/** Fills `{name}` placeholders; values are percent-encoded but may contain `/` (e.g. `/echo/{rest}`). */
export function fillPath(template: string, values: Record<string, string>): { path: string; missing: string[] } {
  const missing: string[] = [];
  const path = template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = values[name]?.trim() ?? "";
    if (!value) missing.push(name);
    return encodeURIComponent(value).replace(/%2F/gi, "/");
  });
  return { path: path.startsWith("/") ? path : `/${path}`, missing };
}

/** `Name: value` lines -> a record; blank lines are skipped, lines without a colon are reported. */
export function parseHeaderLines(text: string): { headers: Record<string, string>; invalid: string[] } {
  const headers: Record<string, string> = {};
  const invalid: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      invalid.push(line);
      continue;
    }
    headers[name.toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, invalid };
}

/** A JSON body pretty-printed, anything else as it came. */
export function prettyBody(body: string, contentType: string | undefined): string {
  if (!contentType || !/json/i.test(contentType)) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/**
 * Why a body about to be sent as JSON is not JSON ("Unexpected token } in JSON at position 12"), or
 * null when it parses, is empty, or the headers say it is something else (`Content-Type: text/plain`).
 */
export function jsonBodyProblem(body: string, headers: Record<string, string>): string | null {
  const contentType = headers["content-type"];
  if (!body.trim() || (contentType && !/json/i.test(contentType))) return null;
  try {
    JSON.parse(body);
    return null;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return error.message;
  }
}
