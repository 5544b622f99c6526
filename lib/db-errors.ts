// Recognising database errors the domain turns into answers. A PostgreSQL error arrives as P2010
// (a failed $queryRaw) carrying its code, as the code wrapped by the driver adapter, or as a bare
// pg error (raw SQL on the pool); a unique violation may also be Prisma's own P2002. One check per
// kind covers every form, so no caller misses one.
import { Prisma } from "@/lib/db";

const UNIQUE_VIOLATION = "23505";
const NUMERIC_VALUE_OUT_OF_RANGE = "22003";

/** Whether `error` is the PostgreSQL error `code` in any of the forms it reaches us in. */
function hasPostgresCode(error: unknown, code: string): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const raw = (error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError;
    return error.code === "P2010" && raw?.cause?.originalCode === code;
  }
  const candidate = error as { code?: string; cause?: { originalCode?: string; code?: string } } | null;
  return candidate?.code === code || candidate?.cause?.originalCode === code || candidate?.cause?.code === code;
}

export function isUniqueViolation(error: unknown): boolean {
  return (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") || hasPostgresCode(error, UNIQUE_VIOLATION);
}

/** A value past its column's range: a BigInt balance pushed beyond int8, for instance. */
export function isOutOfRange(error: unknown): boolean {
  return hasPostgresCode(error, NUMERIC_VALUE_OUT_OF_RANGE);
}

// SQLSTATEs that say the server cannot serve us right now, not that the statement was wrong:
// connection exceptions (class 08), a cancelled statement (57014: statement_timeout), a server
// shutting down, crashed or starting up (57P01-57P03), and exhausted resources (class 53).
const UNAVAILABLE_SQLSTATE = /^(08...|57014|57P0[123]|53...)$/;
// Node's socket errors and pg's own words for a connection it gave up on.
const UNAVAILABLE_SOCKET = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const UNAVAILABLE_MESSAGE =
  /^(timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error|Client was closed)/;
// What the driver adapter makes of them, and Prisma's codes for an unreachable server or a
// transaction that could not start or run in time.
const UNAVAILABLE_ADAPTER_KIND = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNAVAILABLE_PRISMA_CODE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);

type MaybeDatabaseError = {
  code?: unknown;
  message?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
};

/**
 * Whether `error` means PostgreSQL could not be reached or did not answer in time (README, "When
 * the database is unavailable"): the caller gets 503 `service_unavailable`, not a 500. Follows
 * `cause` and Prisma's driver adapter error, so pg, adapter and Prisma forms all count.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 4) return false;
  const candidate = error as MaybeDatabaseError;
  const code = typeof candidate.code === "string" ? candidate.code : "";
  const originalCode = typeof candidate.originalCode === "string" ? candidate.originalCode : "";
  if (error instanceof Prisma.PrismaClientKnownRequestError && UNAVAILABLE_PRISMA_CODE.has(error.code)) return true;
  if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SQLSTATE.test(originalCode) || UNAVAILABLE_SOCKET.has(code)) return true;
  if (typeof candidate.kind === "string" && UNAVAILABLE_ADAPTER_KIND.has(candidate.kind)) return true;
  if (typeof candidate.message === "string" && UNAVAILABLE_MESSAGE.test(candidate.message)) return true;
  return isDatabaseUnavailable(candidate.meta?.driverAdapterError?.cause, depth + 1) || isDatabaseUnavailable(candidate.cause, depth + 1);
}
