// Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from BENCH_CPU_PROFILE_DIR=dir npm run bench):
// where the process spent its samples, by function (self time) and by package or source folder
// (self time of everything inside it), so a change to the hot path starts from a measurement.
//   npx tsx scripts/profile-summary.ts <file.cpuprofile> [--top 40] [--from 0.5 --to 0.9]
// --from/--to keep a window of the run, as fractions of its length (a bench runs several loads).
import fs from "node:fs";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--") && !/^\d/.test(arg));
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
if (!file) {
  console.error("usage: npx tsx scripts/profile-summary.ts <file.cpuprofile> [--top N] [--from F --to F]");
  process.exit(2);
}

const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const top = option("top", 40);
const from = option("from", 0);
const to = option("to", 1);

/** node_modules/<pkg>, a source folder of ours (lib/gateway), or what V8 calls the frame. */
function place(url: string, functionName: string): string {
  if (!url) return `(${functionName || "native"})`;
  const path = url.replace(/^file:\/\//, "");
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1]!;
  if (path.startsWith("node:")) return path;
  const ours = /\/(lib|app|scripts|\.next)\/(?:([^/]+)\/)?/.exec(path);
  if (ours) return ours[2] && ours[1] !== ".next" ? `${ours[1]}/${ours[2]}` : ours[1]!;
  return path.split("/").slice(-2).join("/");
}

const duration = profile.endTime - profile.startTime;
const windowStart = profile.startTime + from * duration;
const windowEnd = profile.startTime + to * duration;
const selfByFunction = new Map<string, number>();
const selfByPlace = new Map<string, number>();
let total = 0;
let time = profile.startTime;
profile.samples.forEach((id, index) => {
  time += profile.timeDeltas[index] ?? 0;
  if (time < windowStart || time > windowEnd) return;
  const node = nodes.get(id);
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = place(url, functionName);
  const name = `${functionName || "(anonymous)"} ${where}${url ? `:${lineNumber + 1}` : ""}`;
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + 1);
  selfByPlace.set(where, (selfByPlace.get(where) ?? 0) + 1);
  total += 1;
});

const table = (title: string, counts: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(`${total} samples over ${((windowEnd - windowStart) / 1e6).toFixed(1)} s`);
table("self time by package or folder", selfByPlace);
table("self time by function", selfByFunction);
