// How long OAuth secrets live. Access tokens are short so a leaked one is worth little; refresh
// tokens rotate on every use and end with their grant.
export const CODE_TTL_MS = 60_000;
export const ACCESS_TOKEN_TTL_MS = 60 * 60_000;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60_000;
/** grant.lastUsedAt is written at most this often */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;
