// Vitest: integration tests against a real PostgreSQL (test/global-setup.ts starts or reaches one).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Same `@/` alias as tsconfig.json `paths` (vite-tsconfig-paths is not installed).
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["test/**/*.test.ts", "lib/**/*.test.ts"],
    environment: "node",
    // Forks, not threads: each file gets its own process, so the lazily created Prisma client in
    // lib/db.ts always reads the DATABASE_URL that test/setup-env.ts chose for this worker.
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    server: {
      // next-auth imports `next/server` without an extension, which plain Node ESM cannot resolve
      // (next has no `exports` map); letting Vite transform it resolves the import.
      deps: { inline: ["next-auth"] },
    },
  },
});
