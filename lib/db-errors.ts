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
