// Secrets the app needs but nobody configured: generated once, kept in .data/secrets.json (0600),
// and used only when the environment does not provide them. Production sets them explicitly.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

type Secrets = { AUTH_SECRET: string; TOLLGATE_ENCRYPTION_KEY: string; EMBEDDED_DB_PASSWORD: string };

export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8"));
  const secrets: Secrets = {
    AUTH_SECRET: stored.AUTH_SECRET ?? crypto.randomBytes(32).toString("base64url"),
    TOLLGATE_ENCRYPTION_KEY: stored.TOLLGATE_ENCRYPTION_KEY ?? crypto.randomBytes(32).toString("base64"),
    EMBEDDED_DB_PASSWORD: stored.EMBEDDED_DB_PASSWORD ?? crypto.randomBytes(18).toString("base64url"),
  };
  if (JSON.stringify(secrets) !== JSON.stringify(stored)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  }
  return secrets;
}

/** Fill only what the environment leaves empty. */
export function applySecretsToEnv(secrets: Secrets) {
  process.env.AUTH_SECRET ||= secrets.AUTH_SECRET;
  process.env.TOLLGATE_ENCRYPTION_KEY ||= secrets.TOLLGATE_ENCRYPTION_KEY;
}
