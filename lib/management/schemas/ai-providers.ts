// AI providers on the wire. The API key and the extra headers are write-only: `hasApiKey` and
// `hasExtraHeaders` say whether they are set, and nothing else about them ever leaves.
import { z } from "zod";
import type { ProviderView } from "@/lib/ai/registry/get-provider";
import type { ConnectionTest } from "@/lib/ai/registry/test-provider-connection";
import { isoDateTimeOut } from "@/lib/management/schemas/common";

export const aiProviderSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(["OPENAI", "ANTHROPIC"]),
  baseUrl: z.string(),
  hasApiKey: z.boolean().meta({ description: "Whether an API key is stored; the key itself is write-only" }),
  hasExtraHeaders: z.boolean().meta({ description: "Whether extra headers are stored; they are write-only" }),
  connectTimeoutMs: z.number().int(),
  timeoutMs: z.number().int(),
  models: z.array(z.string()).meta({ description: "Public ids of the models deployed on this provider" }),
  createdAt: isoDateTimeOut,
  updatedAt: isoDateTimeOut,
});

export const aiProviderListSchema = z.object({ data: z.array(aiProviderSchema) });

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  failure: z
    .enum([
      "forbidden_destination",
      "dns",
      "refused",
      "timeout",
      "tls",
      "network",
      "unauthorized",
      "forbidden",
      "not_found",
      "rate_limited",
      "http_error",
      "not_json",
      "unexpected_shape",
    ])
    .optional()
    .meta({ description: "What failed, when `ok` is false" }),
  status: z.number().int().nullable().meta({ description: "The provider's HTTP status, or null when no answer came" }),
  models: z.array(z.string()).optional().meta({ description: "The model ids the provider lists, when `ok` is true" }),
  latencyMs: z.number().int(),
  message: z.string().meta({ description: "What happened, in one sentence; never contains the key" }),
});

export function toAiProviderResponse(provider: ProviderView): z.input<typeof aiProviderSchema> {
  return { ...provider, createdAt: provider.createdAt.toISOString(), updatedAt: provider.updatedAt.toISOString() };
}

export const toConnectionTestResponse = (test: ConnectionTest): z.input<typeof connectionTestSchema> => test;
