// Where a gateway call's CPU goes, by kind of work, from a bench profile (BENCH_CPU_PROFILE_DIR=dir
// BENCH_ONLY=rest npm run bench): shares of the busy (not idle) samples, counted only in the stretches
// of the run where the gateway is at work (0.5% of the run each, lib/gateway at least 3% of their
// busy samples and Next.js under 1%, so the route baselines and the bare proxy's rounds, when the app
// idles, are left out). Shares, not rates: on a loaded machine the rates mean little.
//   npx tsx scripts/profile-shares.ts <file.cpuprofile> [--top 30]
import fs from "node:fs";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--") && !/^\d/.test(arg));
const topIndex = args.indexOf("--top");
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 30;
if (!file) {
  console.error("usage: npx tsx scripts/profile-shares.ts <file.cpuprofile> [--top 30]");
  process.exit(2);
}

const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));

const WEB_OBJECTS = /^node:internal\/(deps\/undici|webstreams|abort_controller|event_target|events\/abort_listener)/;
const NODE_IO = /^node:(_http|net|internal\/streams|internal\/stream_base_commons|internal\/http)/;
const SOCKET_WRITES = new Set(["writev", "writeLatin1String", "writeUtf8String", "writeBuffer", "parse"]);

function kind({ functionName: name, url }: ProfileNode["callFrame"]): string {
  if (name === "(idle)") return "idle";
  if (name === "(garbage collector)") return "garbage collector";
  if (WEB_OBJECTS.test(url)) return "web Request/Response/Headers, web streams, AbortSignal (node's built-in undici)";
  if (url.includes("node_modules/undici/")) return "undici (the upstream client)";
  if (url.includes("/lib/gateway/")) return "lib/gateway";
  if (/\/(lib|app|scripts|bench)\//.test(url) && !url.includes("node_modules")) return "our other code";
  if (/node_modules\/(pg|pg-protocol|pg-pool|pg-types|@prisma)\//.test(url)) return "pg and Prisma";
  if (NODE_IO.test(url) || SOCKET_WRITES.has(name)) return "node:http, net, streams and socket writes";
  if (url.startsWith("node:internal/process/task_queues") || name === "runMicrotasks") return "microtasks and nextTick";
  if (url.includes("node_modules/")) return "other packages";
  return "other (node internals, program)";
}

const BUCKETS = 200;
let elapsed = 0;
const at = profile.timeDeltas.map((delta) => (elapsed += delta));
const bucketOf = (index: number) => Math.min(BUCKETS - 1, Math.floor((at[index]! / elapsed) * BUCKETS));
const busy = new Array<number>(BUCKETS).fill(0);
const gateway = new Array<number>(BUCKETS).fill(0);
const next = new Array<number>(BUCKETS).fill(0);
profile.samples.forEach((id, index) => {
  const frame = frames.get(id)!;
  if (frame.functionName === "(idle)") return;
  busy[bucketOf(index)]! += 1;
  if (frame.url.includes("/lib/gateway/")) gateway[bucketOf(index)]! += 1;
  if (frame.url.includes("node_modules/next/") || frame.url.includes("/.next")) next[bucketOf(index)]! += 1;
});
const kept = busy.map((count, bucket) => count > 0 && gateway[bucket]! >= 0.03 * count && next[bucket]! < 0.01 * count);

const byKind = new Map<string, number>();
const byFunction = new Map<string, number>();
let counted = 0;
profile.samples.forEach((id, index) => {
  const frame = frames.get(id)!;
  if (!kept[bucketOf(index)] || frame.functionName === "(idle)") return;
  counted += 1;
  const group = kind(frame);
  byKind.set(group, (byKind.get(group) ?? 0) + 1);
  const where = frame.url.replace(/^.*\/(lib|node_modules)\//, "$1/").replace(/^file:\/\//, "");
  const name = `${frame.functionName || "(anonymous)"} ${where}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + 1);
});

const table = (title: string, counts: Map<string, number>, rows: number) => {
  console.log(`\n${title}`);
  for (const [name, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * count) / counted).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(`${kept.filter(Boolean).length} of ${BUCKETS} stretches with the gateway at work; ${counted} busy samples`);
table("busy samples by kind of work", byKind, 20);
table("busy samples by function (self time)", byFunction, top);
