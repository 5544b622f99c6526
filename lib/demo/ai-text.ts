// Cutting an answer on token boundaries with the tokenizer Tollgate counts with (o200k_base), so the
// demo model and the fake provider report exactly the tokens lib/ai/tokens.ts counts in what they sent.
import { decode, encode } from "gpt-tokenizer/encoding/o200k_base";
import { countTextTokens } from "@/lib/ai/tokens";

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** The longest prefix of `text` that counts at most `maxTokens` tokens (never a broken character). */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (countTextTokens(text) <= maxTokens) return text;
  const tokens = encode(text, PLAIN_TEXT);
  for (let n = Math.min(maxTokens, tokens.length); n > 0; n--) {
    const prefix = decode(tokens.slice(0, n));
    if (text.startsWith(prefix) && countTextTokens(prefix) <= maxTokens) return prefix;
  }
  return "";
}

/**
 * `text` in pieces of about `tokensPerPiece` tokens whose concatenation is exactly `text`: a piece
 * grows past its size rather than split a character whose bytes span two tokens.
 */
export function splitByTokens(text: string, tokensPerPiece: number): string[] {
  const tokens = encode(text, PLAIN_TEXT);
  const size = Math.max(1, Math.floor(tokensPerPiece));
  const pieces: string[] = [];
  let sent = 0;
  for (let end = size; sent < text.length; end = Math.min(end + size, tokens.length)) {
    const prefix = end >= tokens.length ? text : decode(tokens.slice(0, end));
    if (!text.startsWith(prefix) || prefix.length <= sent) continue;
    pieces.push(prefix.slice(sent));
    sent = prefix.length;
  }
  return pieces;
}
