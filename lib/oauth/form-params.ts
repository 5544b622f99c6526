// Reading OAuth's form-encoded requests (token, revocation): bounded, one value per parameter.
import { readLimited } from "@/lib/http/read-limited";
import { OAuthError } from "@/lib/oauth/oauth-error";

const MAX_FORM_BYTES = 8 * 1024;

export type OAuthParams = ReadonlyMap<string, string>;

/** RFC 6749 §3.2: form-encoded POST bodies; a parameter sent twice is refused (§3.1). */
export async function readOAuthForm(request: Request): Promise<OAuthParams> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
  }
  const { bytes, truncated } = await readLimited(request.body, MAX_FORM_BYTES);
  if (truncated) throw new OAuthError("invalid_request", `The request body is larger than ${MAX_FORM_BYTES} bytes.`, 413);
  return uniqueParams(new URLSearchParams(new TextDecoder().decode(bytes)));
}

export function uniqueParams(search: URLSearchParams): OAuthParams {
  const params = new Map<string, string>();
  for (const [name, value] of search) {
    if (params.has(name)) throw new OAuthError("invalid_request", `The parameter ${name} was sent more than once.`);
    params.set(name, value);
  }
  return params;
}

export function requiredParam(params: OAuthParams, name: string, maxLength = 2048): string {
  const value = params.get(name);
  if (!value) throw new OAuthError("invalid_request", `The parameter ${name} is required.`);
  if (value.length > maxLength) throw new OAuthError("invalid_request", `The parameter ${name} is too long.`);
  return value;
}
