// The deployment files cannot be built here (no container registry), so what can be checked is
// checked: the compose file parses and wires its services as the README says, and every command the
// Dockerfile and the compose file run is one the project's package.json and CI define.
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { startPlan } from "@/scripts/lib/start-plan";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const packageJson = JSON.parse(read("package.json")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  env_file?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  profiles?: string[];
  volumes?: string[];
};
const compose = parse(read("deploy/docker-compose.yml"), { merge: true }) as { services: Record<string, Service>; volumes: object };

type Instruction = { stage: string; keyword: string; args: string };

/** The Dockerfile's instructions, continuation lines joined, each tagged with its stage's name. */
function dockerfile(): Instruction[] {
  const lines = read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  let stage = "";
  return lines.map((line) => {
    const [, keyword, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (keyword === "FROM") stage = / AS (\w+)$/i.exec(args)?.[1] ?? "";
    return { stage, keyword: keyword.toUpperCase(), args };
  });
}

/** The shell commands of a RUN or CMD: the exec form's words, or the shell form split at `&&`. */
function commands(instruction: Instruction): string[][] {
  const text = instruction.args.trim();
  if (text.startsWith("[")) return [JSON.parse(text) as string[]];
  return text.split("&&").map((command) => command.trim().split(/\s+/));
}

/** Which package installs each executable of node_modules/.bin. */
function binaryOwner(name: string): string | undefined {
  for (const pkg of [...Object.keys(packageJson.dependencies), ...Object.keys(packageJson.devDependencies)]) {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")) as {
      bin?: string | Record<string, string>;
    };
    const bins = typeof manifest.bin === "string" ? { [pkg.split("/").pop()!]: manifest.bin } : (manifest.bin ?? {});
    if (name in bins) return pkg;
  }
  return undefined;
}

/**
 * Why `words` cannot run in a stage that has `devDependencies` installed or not, or null when it
 * can: npm commands must name scripts package.json has, npx tools must come from a dependency
 * the stage installs.
 */
function problemWith(words: string[], withDevDependencies: boolean): string | null {
  const [program, verb, ...rest] = words;
  if (program === "npm") {
    if (verb === "ci" || verb === "prune") return rest.every((flag) => flag === "--omit=dev") ? null : `npm ${verb} ${rest.join(" ")}`;
    if (verb === "start") return packageJson.scripts.start ? null : "no start script";
    if (verb === "run") return packageJson.scripts[rest[0]!] ? null : `no script ${rest[0]}`;
    return `npm ${verb} is not a command CI runs`;
  }
  if (program === "npx") {
    const owner = binaryOwner(verb!);
    if (!owner) return `npx ${verb}: no package installs it`;
    if (!withDevDependencies && !(owner in packageJson.dependencies)) return `npx ${verb}: ${owner} is a devDependency`;
    return null;
  }
  if (program === "rm" || program === "node") return null;
  return `${program} is not expected in the image`;
}

describe("Dockerfile", () => {
  const instructions = dockerfile();
  const runtime = instructions.filter((instruction) => instruction.stage === "runtime");

  it("builds with the install CI runs and the build script, and prunes to production dependencies", () => {
    const builderRuns = instructions.filter((i) => i.stage === "builder" && i.keyword === "RUN").flatMap(commands);
    expect(builderRuns.map((words) => words.join(" "))).toEqual(["npm ci", "npm run build", "rm -rf .next/cache", "npm prune --omit=dev"]);
    expect(read(".ci/run")).toMatch(/^npm ci\b/m);
    expect(packageJson.scripts.build).toContain("next build");
    for (const words of builderRuns) expect(problemWith(words, true)).toBeNull();
  });

  it("runs `npm start` as a non-root user in production mode, without building, and checks /api/health", () => {
    const cmd = runtime.filter((i) => i.keyword === "CMD");
    expect(cmd.map((i) => commands(i)[0])).toEqual([["npm", "start"]]);
    expect(problemWith(["npm", "start"], false)).toBeNull();
    expect(runtime.some((i) => i.keyword === "RUN")).toBe(false); // nothing installed or built in the runtime stage

    const user = runtime.filter((i) => i.keyword === "USER").map((i) => i.args);
    expect(user).toEqual(["node"]);
    const env = runtime
      .filter((i) => i.keyword === "ENV")
      .map((i) => i.args)
      .join(" ");
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(env).toMatch(/\bTOLLGATE_PREBUILT=1\b/);

    const healthcheck = runtime.find((i) => i.keyword === "HEALTHCHECK")!;
    expect(healthcheck.args).toContain("/api/health");
    expect(fs.existsSync(path.join(root, "app/api/health/route.ts"))).toBe(true);
  });

  it("copies what `npm start` runs: the build, the sources tsx loads and the migrations", () => {
    const copied = runtime
      .filter((i) => i.keyword === "COPY")
      .flatMap((i) => i.args.split(/\s+/).filter((word) => word.startsWith("/app/")))
      .map((source) => source.slice("/app/".length));
    for (const needed of ["package.json", "tsconfig.json", "node_modules", ".next", "scripts", "lib", "prisma", "prisma.config.ts"]) {
      expect(copied).toContain(needed);
    }
    // The files npm start and the server load live under those paths.
    expect(packageJson.scripts.start).toBe("exec tsx scripts/run.ts start");
    expect(fs.existsSync(path.join(root, "prisma/migrations"))).toBe(true);
  });

  it("lets `docker stop` reach the server: npm's SIGTERM goes to tsx, not to a shell that would die and orphan it", () => {
    // npm runs a script through `sh -c` and signals only that shell; `exec` makes tsx the shell's
    // process, and tsx and scripts/run.ts pass the signal on to scripts/serve.ts, which drains.
    expect(packageJson.scripts.start).toMatch(/^exec tsx /);
  });

  it("keeps secrets and local state out of the build context", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const entry of [".env", "deploy/.env", ".data", "node_modules", ".next"]) expect(ignored).toContain(entry);
  });
});

describe("deploy/docker-compose.yml", () => {
  const { services } = compose;

  it("has PostgreSQL 17 with a volume and a health check", () => {
    expect(services.postgres!.image).toBe("postgres:17");
    expect(services.postgres!.volumes).toEqual(["postgres-data:/var/lib/postgresql/data"]);
    expect(compose.volumes).toHaveProperty("postgres-data");
    expect(services.postgres!.healthcheck!.test!.join(" ")).toContain("pg_isready");
  });

  it("migrates once after PostgreSQL is healthy, and starts the app only after the migration succeeded", () => {
    const { migrate, app } = services;
    expect(migrate!.command).toEqual(["npx", "prisma", "migrate", "deploy"]);
    expect(problemWith(migrate!.command!, false)).toBeNull();
    expect(migrate!.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    expect(app!.depends_on).toEqual({
      postgres: { condition: "service_healthy" },
      migrate: { condition: "service_completed_successfully" },
    });
    // Both run the image this repository's Dockerfile builds, with the same environment.
    for (const service of [migrate!, app!]) {
      expect(service.build).toEqual({ context: "..", dockerfile: "Dockerfile" });
      expect(service.env_file).toBe(".env");
      expect(service.environment!.DATABASE_URL).toMatch(
        /^postgresql:\/\/tollgate:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/tollgate$/,
      );
    }
    expect(app!.command).toBeUndefined(); // the image's `npm start`
  });

  it("offers Redis only under the redis profile, and the app does not need it to start", () => {
    expect(services.redis!.profiles).toEqual(["redis"]);
    expect(services.redis!.healthcheck!.test).toEqual(["CMD", "redis-cli", "ping"]);
    expect(Object.keys(services.app!.depends_on!)).not.toContain("redis");
    for (const name of ["postgres", "migrate", "app"]) expect(services[name]!.profiles).toBeUndefined();
  });

  it("names in deploy/env.example only variables the README documents, and the production minimum", () => {
    const example = read("deploy/env.example");
    const named = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]!);
    const set = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]!);
    // Rows of the README's configuration table start with the variables they describe.
    const documented = new Set(
      [...read("README.md").matchAll(/^\| (`[A-Z][A-Z0-9_]+`(?:, `[A-Z][A-Z0-9_]+`)*) \|/gm)].flatMap((row) =>
        row[1]!.match(/[A-Z][A-Z0-9_]+/g)!,
      ),
    );
    expect(named.filter((name) => name !== "POSTGRES_PASSWORD" && !documented.has(name))).toEqual([]);
    // README: "In production set at least DATABASE_URL, AUTH_SECRET, TOLLGATE_ENCRYPTION_KEY and APP_URL" (the first comes from compose).
    expect(set).toEqual(expect.arrayContaining(["POSTGRES_PASSWORD", "AUTH_SECRET", "TOLLGATE_ENCRYPTION_KEY", "APP_URL"]));
  });
});

describe("startPlan (what `npm start` does before serving)", () => {
  const secrets = { AUTH_SECRET: "a".repeat(32), TOLLGATE_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64") };

  it("runs the embedded database, with generated secrets, only when DATABASE_URL is unset", () => {
    expect(startPlan("start", {})).toEqual({ embeddedDatabase: true, secretsFile: true, buildWhenStale: true });
    expect(startPlan("start", { ...secrets })).toMatchObject({ embeddedDatabase: true, secretsFile: true });
  });

  it("with DATABASE_URL and both secrets (the image), touches nothing under .data and never builds", () => {
    const image = { DATABASE_URL: "postgresql://tollgate@postgres/tollgate", ...secrets, TOLLGATE_PREBUILT: "1" };
    expect(startPlan("start", image)).toEqual({ embeddedDatabase: false, secretsFile: false, buildWhenStale: false });
  });

  it("with DATABASE_URL but a secret missing, fills it from .data/secrets.json without starting a database", () => {
    expect(startPlan("start", { DATABASE_URL: "postgresql://db/x", AUTH_SECRET: secrets.AUTH_SECRET })).toEqual({
      embeddedDatabase: false,
      secretsFile: true,
      buildWhenStale: true,
    });
  });

  it("builds only for `start`", () => {
    for (const mode of ["dev", "migrate", "seed"] as const) expect(startPlan(mode, {}).buildWhenStale).toBe(false);
  });
});
