// PKCE (RFC 7636) with S256 only: the plain method would send the verifier itself through the browser.
import crypto from "node:crypto";
import { timingSafeEqualStrings } from "@/lib/crypto";

/** 43 to 128 unreserved characters (RFC 7636 §4.1); a challenge is base64url of 32 bytes: 43 characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export const isPkceChallenge = (value: string): boolean => CHALLENGE.test(value);

export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!VERIFIER.test(verifier)) return false;
  const computed = crypto.createHash("sha256").update(verifier).digest("base64url");
  return timingSafeEqualStrings(computed, challenge);
}
