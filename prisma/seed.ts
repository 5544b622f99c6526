// Seeds a fresh database with the demo API, the demo AI API and the demo Prompt API; run by scripts/run.ts after `prisma migrate deploy`.
// Runs once per database (see lib/demo/seed-demo.ts); later runs print a line and change nothing.
import { db } from "@/lib/db";
import { seedDemo } from "@/lib/demo/seed-demo";
import { seedDemoAi } from "@/lib/demo/seed-demo-ai";
import { seedDemoPrompt } from "@/lib/demo/seed-demo-prompt";

async function main() {
  const result = await seedDemo(db);
  if (result.outcome === "seeded") console.log(`[tollgate] seeded the Demo API (/api/gateway/demo) with plans free and pro`);
  else if (result.outcome === "skipped") console.log(`[tollgate] demo seed skipped: ${result.reason}`);
  else console.log(`[tollgate] demo seed already ran${result.ranAt ? ` (${result.ranAt})` : ""}: nothing to do`);
  // The demo AI API has its own marker, so installations seeded before it existed get it too.
  const ai = await seedDemoAi(db);
  if (ai.outcome === "seeded") console.log(`[tollgate] seeded the Demo AI API (models demo-chat and demo-embed at /api/ai/v1)`);
  else if (ai.outcome === "skipped") console.log(`[tollgate] demo AI seed skipped: ${ai.reason}`);
  // The demo Prompt API runs on the demo chat model, so it comes after it.
  const prompt = await seedDemoPrompt(db);
  if (prompt.outcome === "seeded") console.log(`[tollgate] seeded the Summarise Prompt API (POST /api/gateway/summarise)`);
  else if (prompt.outcome === "skipped") console.log(`[tollgate] demo Prompt API seed skipped: ${prompt.reason}`);
}

main()
  .catch((error) => {
    console.error(`[tollgate] seed failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
