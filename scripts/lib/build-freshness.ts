// `npm start` builds only when the production build is missing or older than the sources.
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "prisma/schema.prisma", "next.config.js", "package.json", "proxy.ts", "postcss.config.mjs"];
const IGNORED = new Set(["node_modules", "generated"]);

export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (!IGNORED.has(entry) && !entry.startsWith(".next")) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}
