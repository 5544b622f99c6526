// The fields of a Prompt API: no upstream and no uploaded document (the document is generated from
// the prompt), no models to publish and no AI plan limits; a prompt definition instead, and plans
// that choose how a call is priced (per call plus tokens, tokens only, per call only).
const NO_UPSTREAM = "A Prompt API has no upstream: its model answers the calls.";
const NOT_FOR_PROMPT: Record<string, string> = {
  upstreamBaseUrl: NO_UPSTREAM,
  upstreamAuthHeader: NO_UPSTREAM,
  upstreamCredential: NO_UPSTREAM,
  upstreamConnectTimeoutMs: NO_UPSTREAM,
  upstreamTimeoutMs: NO_UPSTREAM,
  relayCookies: NO_UPSTREAM,
  openapi: "A Prompt API's OpenAPI document is generated from its prompt: change the prompt instead.",
  models: "A Prompt API has one model, set in its prompt (prompt.model).",
};
const AI_PLAN_FIELDS = ["allowedModels", "tokensPerMinute"] as const;

type KindInput = { prompt?: unknown; plans?: unknown } & Record<string, unknown>;

const plansOf = (input: KindInput): unknown[] => (Array.isArray(input.plans) ? input.plans : []);

/** Per-field problems of `input` for an API of kind PROMPT, or (`isPrompt` false) the prompt fields another kind sent. */
export function promptKindProblems(input: KindInput, isPrompt: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isPrompt) {
    if (input.prompt !== undefined) errors.prompt = "Only an API of kind PROMPT has a prompt.";
    plansOf(input).forEach((plan, index) => {
      if ((plan as Record<string, unknown> | null)?.promptPricing !== undefined)
        errors[`plans.${index}.promptPricing`] = "Only plans of a Prompt API have this.";
    });
    return errors;
  }
  for (const [field, message] of Object.entries(NOT_FOR_PROMPT))
    if (input[field] !== undefined && input[field] !== null) errors[field] = message;
  plansOf(input).forEach((plan, index) => {
    for (const field of AI_PLAN_FIELDS) {
      const value = (plan as Record<string, unknown> | null)?.[field];
      if (value !== undefined && value !== null) errors[`plans.${index}.${field}`] = "Only plans of an AI API have this.";
    }
  });
  return errors;
}
