// The shapes the AI gateway's parts agree on. Inside Tollgate a chat call is always in OpenAI's Chat
// Completions format (the lingua franca most providers speak): an Anthropic Messages request is
// translated into it on the way in, and provider answers come back in it, so pricing, token counting,
// routing and usage see one format. Translation lives in lib/ai/translate.

/** A call's tokens, the canonical way: cached input is part of input, reasoning part of output. */
export type TokenUsage = { inputTokens: number; cachedInputTokens: number; outputTokens: number };

/** Where a call's counts came from (usage_events.usageSource). */
export type UsageSource = "PROVIDER" | "COUNTED" | "PARTIAL";

/** Micro-units of the currency per 1,000,000 tokens (ai_models columns). */
export type ModelPrices = { inputPrice: bigint; cachedInputPrice: bigint; outputPrice: bigint };

/** The caller-facing wire format of one AI endpoint. */
export type WireFormat = "openai" | "anthropic";
