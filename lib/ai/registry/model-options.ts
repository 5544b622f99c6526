// The registry's models as the admin console offers them in pickers (an AI API's models, a plan's
// allowed models): ids, names and prices per 1M tokens as decimal strings, ready to render.
import { db } from "@/lib/db";
import { microsToDecimal } from "@/lib/money";

export type ModelOption = { publicId: string; displayName: string; kind: "CHAT" | "EMBEDDINGS"; inputPrice: string; outputPrice: string };

export async function listModelOptions(): Promise<ModelOption[]> {
  const rows = await db.aiModel.findMany({
    select: { publicId: true, displayName: true, kind: true, inputPrice: true, outputPrice: true },
    orderBy: { publicId: "asc" },
  });
  return rows.map((row) => ({ ...row, inputPrice: microsToDecimal(row.inputPrice), outputPrice: microsToDecimal(row.outputPrice) }));
}
