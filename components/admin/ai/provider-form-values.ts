// A saved provider -> the flat string values its form starts from (the shape the form posts). The
// key and the extra headers are not among them: the form only learns whether they are set.
import type { ProviderView } from "@/lib/ai/registry/get-provider";

export type ProviderFormValues = Record<string, string>;

export const NEW_PROVIDER_VALUES: ProviderFormValues = { kind: "OPENAI", connectTimeoutMs: "5000", timeoutMs: "120000" };

export function providerFormValues(provider: ProviderView): ProviderFormValues {
  return {
    name: provider.name,
    kind: provider.kind,
    baseUrl: provider.baseUrl,
    connectTimeoutMs: String(provider.connectTimeoutMs),
    timeoutMs: String(provider.timeoutMs),
  };
}
