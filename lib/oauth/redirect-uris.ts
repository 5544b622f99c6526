// Which redirect URIs a client may register, and how they are matched: exactly, character for
// character, never by prefix or pattern. Allowed: https anywhere; http only on a loopback host
// (native clients listening on localhost, RFC 8252 §7.3); a private-use scheme in reverse-domain form
// (`com.example.app:/callback`, RFC 8252 §7.1), which desktop clients such as Cursor register.
const MAX_LENGTH = 512;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const PRIVATE_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/;

/** Why a redirect URI cannot be registered, or null when it can. */
export function redirectUriProblem(value: string): string | null {
  if (value.length > MAX_LENGTH) return `A redirect URI may have at most ${MAX_LENGTH} characters.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `“${value.slice(0, 80)}” is not an absolute URI.`;
  }
  if (url.hash || value.includes("#")) return "A redirect URI cannot have a fragment.";
  if (url.username || url.password) return "A redirect URI cannot carry a user name or password.";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:") return LOOPBACK.has(url.hostname) ? null : "Use https, or http only on localhost or 127.0.0.1.";
  if (PRIVATE_SCHEME.test(url.protocol) && !url.host) return null;
  return "Use https, http on localhost or 127.0.0.1, or a reverse-domain app scheme.";
}

/** The host a person sees on the consent page, so a lookalike client name cannot hide where the code goes. */
export function redirectHost(uri: string): string {
  const url = new URL(uri);
  return url.host || `${url.protocol}${url.pathname.split("/")[0] ?? ""}`;
}
