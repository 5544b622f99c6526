// Changes to one model apply one after the other: each locks the model row first.
import type { AiModel, Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";

export async function lockModel(tx: Prisma.TransactionClient, publicId: string): Promise<AiModel> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM ai_models WHERE "publicId" = ${publicId} FOR UPDATE`;
  if (!locked) throw notFound(`The model "${publicId}"`);
  return tx.aiModel.findUniqueOrThrow({ where: { id: locked.id } });
}
