// The one Prisma client. PostgreSQL through @prisma/adapter-pg (no native engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start the app with `npm start` or `npm run dev`");
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

// One client per process, also across hot reloads in development.
const globalForDb = globalThis as unknown as { tollgateDb?: PrismaClient };

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    globalForDb.tollgateDb ??= createClient();
    const value = Reflect.get(globalForDb.tollgateDb, property);
    return typeof value === "function" ? value.bind(globalForDb.tollgateDb) : value;
  },
});

export * from "@/lib/generated/prisma/client";
