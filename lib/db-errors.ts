// Recognising database errors the domain turns into answers. A unique violation arrives as Prisma's
// P2002, as P2010 (a failed $queryRaw) carrying 23505, as PostgreSQL's 23505 wrapped by the driver
// adapter, or as a bare pg error (raw SQL on the pool): one check for all, so no caller misses a form.
import { Prisma } from "@/lib/db";

const UNIQUE_VIOLATION = "23505";

export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const raw = (error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError;
    return error.code === "P2002" || (error.code === "P2010" && raw?.cause?.originalCode === UNIQUE_VIOLATION);
  }
  const candidate = error as { code?: string; cause?: { originalCode?: string; code?: string } } | null;
  return candidate?.code === UNIQUE_VIOLATION || candidate?.cause?.originalCode === UNIQUE_VIOLATION || candidate?.cause?.code === UNIQUE_VIOLATION;
}
