// A saved version as a definition (the model by its public id) and the other way round, and what
// makes two definitions "the same" (saving an unchanged prompt adds no version).
import type { Prisma, PromptApiVersion } from "@/lib/db";
import { promptDefinitionSchema, type PromptDefinition } from "@/lib/prompt-apis/definition-schema";

export type VersionRow = PromptApiVersion & { model: { publicId: string } };

export const VERSION_INCLUDE = { model: { select: { publicId: true } } } as const;

export function definitionOf(row: VersionRow): PromptDefinition {
  return promptDefinitionSchema.parse({
    model: row.model.publicId,
    systemPrompt: row.systemPrompt,
    userTemplate: row.userTemplate,
    variables: row.variables,
    outputSchema: row.outputSchema,
    temperature: row.temperature,
    maxOutputTokens: row.maxOutputTokens,
  });
}

export function versionData(
  definition: PromptDefinition,
): Omit<Prisma.PromptApiVersionUncheckedCreateInput, "apiId" | "version" | "modelId"> {
  return {
    systemPrompt: definition.systemPrompt,
    userTemplate: definition.userTemplate,
    variables: definition.variables as Prisma.InputJsonValue,
    outputSchema: (definition.outputSchema ?? undefined) as Prisma.InputJsonValue | undefined,
    temperature: definition.temperature,
    maxOutputTokens: definition.maxOutputTokens,
  };
}

/** Key order does not make a change: both sides go through the schema, then compare as JSON. */
export function sameDefinition(a: PromptDefinition, b: PromptDefinition): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
