// Component names of the response schemas several operations share; any other body or response
// schema is named after its operation (`CreateApiRequest`, `GetUsageResponse`).
import type { z } from "zod";
import { aiModelListSchema, aiModelSchema } from "@/lib/management/schemas/ai-models";
import { aiProviderListSchema, aiProviderSchema } from "@/lib/management/schemas/ai-providers";
import { apiListSchema, apiSchema, planSchema } from "@/lib/management/schemas/apis";
import { problemSchema } from "@/lib/management/schemas/common";
import { creditGrantedSchema, ledgerEntrySchema } from "@/lib/management/schemas/credits";
import { createdKeySchema, keyListSchema, keySchema } from "@/lib/management/schemas/keys";
import { subscriptionListSchema, subscriptionPageSchema, subscriptionSchema } from "@/lib/management/schemas/subscriptions";
import { balanceSchema, teamListSchema, teamSchema } from "@/lib/management/schemas/teams";
import { usageSchema } from "@/lib/management/schemas/usage";

export const NAMED_OUTPUT_SCHEMAS: readonly (readonly [z.ZodType, string])[] = [
  [problemSchema, "Problem"],
  [planSchema, "Plan"],
  [apiSchema, "Api"],
  [apiListSchema, "ApiList"],
  [teamSchema, "Team"],
  [teamListSchema, "TeamList"],
  [balanceSchema, "Balance"],
  [ledgerEntrySchema, "LedgerEntry"],
  [creditGrantedSchema, "CreditGranted"],
  [subscriptionSchema, "Subscription"],
  [subscriptionListSchema, "SubscriptionList"],
  [subscriptionPageSchema, "SubscriptionPage"],
  [keySchema, "ApiKey"],
  [createdKeySchema, "CreatedApiKey"],
  [keyListSchema, "ApiKeyList"],
  [usageSchema, "Usage"],
  [aiProviderSchema, "AiProvider"],
  [aiProviderListSchema, "AiProviderList"],
  [aiModelSchema, "AiModel"],
  [aiModelListSchema, "AiModelList"],
];
