// How the portal names a model's kind and capabilities, and prints its token counts and prices per
// 1M tokens: one wording for the API page's table and the catalog cards.
import type { ApiModelView } from "@/lib/ai/registry/list-api-models";
import { formatMoney } from "@/lib/money";

export const CAPABILITY_LABEL = { tools: "Tools", vision: "Vision", json: "JSON output" } as const;
export const KIND_LABEL = { CHAT: "Chat", EMBEDDINGS: "Embeddings" } as const;

const tokens = new Intl.NumberFormat("en");

export const formatTokens = (count: number) => tokens.format(count);

/** A price per 1M tokens, to the cent at least (prices below a cent keep their digits). */
export const formatPerMillion = (micros: bigint, currency: string) => formatMoney(micros, currency, 2);

/** "Tools, Vision" or "" */
export const capabilityList = (model: ApiModelView) => model.capabilities.map((capability) => CAPABILITY_LABEL[capability]).join(", ");
