// The provider's write-only values at rest: the API key and the extra headers (a JSON object, since
// they may carry secrets too), both AES-256-GCM (lib/crypto). A change is described for the audit
// log only as set, replaced or cleared: stored values are never decrypted to compare.
import { encryptSecret } from "@/lib/crypto";

export type SecretChange = "set" | "replaced" | "cleared";

export const sealApiKey = (apiKey: string | null | undefined): string | null => (apiKey ? encryptSecret(apiKey) : null);

export function sealExtraHeaders(headers: Record<string, string> | null | undefined): string | null {
  return headers && Object.keys(headers).length > 0 ? encryptSecret(JSON.stringify(headers)) : null;
}

/** What writing `next` (sealed, or null to clear) over `stored` does; null when nothing changes. */
export function secretChange(stored: string | null, next: string | null): SecretChange | null {
  if (next) return stored ? "replaced" : "set";
  return stored ? "cleared" : null;
}
