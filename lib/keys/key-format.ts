// API key format: `tg_live_` or `tg_test_`, 30 random base62 characters, then a 6-character
// base62 CRC32 of everything before it. The checksum lets the gateway refuse mistyped or made-up
// keys without touching the database; the key itself is never stored, only its SHA-256.
import crypto from "node:crypto";
import zlib from "node:zlib";
import { sha256Hex } from "@/lib/crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = /^tg_(live|test)_[0-9A-Za-z]{36}$/;

export type KeyMode = "live" | "test";

function randomBase62(length: number): string {
  // Rejection sampling keeps every character uniformly likely (248 = 4 * 62).
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

function checksum(text: string): string {
  let value = zlib.crc32(text);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function generateApiKey(mode: KeyMode = "live") {
  const body = `tg_${mode}_${randomBase62(RANDOM_LENGTH)}`;
  const key = body + checksum(body);
  return { key, hash: hashApiKey(key), prefix: `tg_${mode}_`, lastFour: key.slice(-4) };
}

/** Shape and checksum only; says nothing about whether the key exists. */
export function isWellFormedApiKey(key: string): boolean {
  if (!KEY_PATTERN.test(key)) return false;
  const body = key.slice(0, -CHECKSUM_LENGTH);
  return checksum(body) === key.slice(-CHECKSUM_LENGTH);
}

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** How a key is shown after creation: prefix and last four characters. */
export function maskApiKey(prefix: string, lastFour: string): string {
  return `${prefix}…${lastFour}`;
}
