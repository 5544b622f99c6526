// Prompt API versions on the wire: each saved definition, whether it is live, who saved it and how
// many calls it served.
import { z } from "zod";
import { promptDefinitionSchema } from "@/lib/prompt-apis/definition-schema";
import type { PromptVersionView } from "@/lib/prompt-apis/list-versions";
import { isoDateTimeOut } from "@/lib/management/schemas/common";

export const promptVersionSchema = z.object({
  version: z.number().int(),
  live: z.boolean().meta({ description: "The version the gateway serves" }),
  createdAt: isoDateTimeOut,
  createdBy: z.string().nullable().meta({ description: "Email of the admin who saved it; null for the admin token or the system" }),
  calls: z.number().int().meta({ description: "Calls this version served" }),
  prompt: promptDefinitionSchema,
});

export const promptVersionListSchema = z.object({ live: z.number().int().nullable(), data: z.array(promptVersionSchema) });

export const rollbackSchema = z.object({
  version: z
    .number({ error: "Give the version number to serve." })
    .int()
    .min(1)
    .meta({ description: "An earlier (or later) saved version" }),
});

export const rollbackResultSchema = z.object({ from: z.number().int().nullable(), to: z.number().int() });

export function toVersionResponse(view: PromptVersionView): z.input<typeof promptVersionSchema> {
  const { definition, createdAt, ...rest } = view;
  return { ...rest, createdAt: createdAt.toISOString(), prompt: definition };
}
