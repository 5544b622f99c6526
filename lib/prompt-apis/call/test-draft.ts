// The admin's test panel: a draft of a Prompt API's prompt (saved or not) runs against sample
// variables through the real path (the model's deployments, the reservation and the exact settle,
// the usage event), charged to a team the admin belongs to, with one of that team's keys, at the
// model's token prices (a test is not a plan's call, so no fee). Nothing is sent before the draft
// passes the same checks as a save.
import { z } from "zod";
import { newRequestId } from "@/lib/http/request-id";
import { appUrl } from "@/lib/env";
import { currency } from "@/lib/money";
import { invalid, validateInput } from "@/lib/validation";
import { ERROR_STATUS } from "@/lib/errors";
import { resolveMemberKey } from "@/lib/try-it/resolve-member-key";
import { newCallContext, recordCall } from "@/lib/gateway/call-context";
import { findApi, type RoutedPlan } from "@/lib/gateway/route-cache";
import { GatewayError } from "@/lib/gateway/gateway-error";
import { promptDefinitionSchema } from "@/lib/prompt-apis/definition-schema";
import { checkPromptDefinition } from "@/lib/prompt-apis/save-version";
import { runPrompt } from "@/lib/prompt-apis/call/handle-prompt-call";

export const testDraftSchema = z.object({
  api: z.string().min(1),
  team: z.string().min(1, "Pick the team to charge."),
  keyId: z.string().min(1, "Pick one of the team's keys."),
  prompt: promptDefinitionSchema,
  variables: z.unknown(),
});

export type DraftTestResult = {
  status: number;
  output?: unknown;
  model?: string;
  usage?: { inputTokens: number; cachedInputTokens: number; outputTokens: number };
  /** decimal strings, as the gateway's headers */
  charged: string | null;
  balance: string | null;
  currency: string;
  problem?: { code: string; detail: string; errors?: Record<string, string> };
};

/** A test is limited like a generous plan; it pays the tokens only. */
const TEST_PLAN: RoutedPlan = {
  id: "admin-test",
  slug: "admin-test",
  pricePerCall: 0n,
  rateLimit: 1_000,
  rateLimitWindowSec: 60,
  maxRequestBytes: 1_048_576,
  chargePolicy: "REFUND_ON_UPSTREAM_FAILURE",
  allowedModelIds: [],
  tokensPerMinute: null,
  maxOutputTokens: null,
};

export async function testPromptDraft(userId: string, input: unknown): Promise<DraftTestResult> {
  const draft = validateInput(testDraftSchema, input);
  await checkPromptDefinition(draft.prompt);
  const key = await resolveMemberKey(userId, draft.team, draft.keyId);
  const pendingApi = findApi(draft.api);
  const api = pendingApi instanceof Promise ? await pendingApi : pendingApi;
  if (!api || api.kind !== "PROMPT") throw invalid({ api: "Save the Prompt API once before testing it." });

  const url = `${new URL(appUrl()).origin}/api/gateway/${api.slug}`;
  const call = newCallContext(newRequestId(), "POST", url);
  Object.assign(call, { key, api, plan: TEST_PLAN, path: "/ (admin test)" });
  const request = new Request(url, { method: "POST" });
  const bytesIn = Buffer.byteLength(JSON.stringify(draft.variables ?? {}));
  let response: Response;
  try {
    response = await runPrompt(request, call, {
      definition: draft.prompt,
      version: null,
      pricing: "TOKENS",
      body: draft.variables,
      bytesIn,
      wantsStream: false,
    });
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    // Refused before anything was reserved (variables, credit): recorded like a refused gateway call.
    const status = ERROR_STATUS[error.code];
    recordCall(call, { status, errorCode: error.code });
    const errors = error.extra?.errors as Record<string, string> | undefined;
    return { status, charged: null, balance: null, currency: currency(), problem: { code: error.code, detail: error.detail, errors } };
  }
  const body = (await response.json()) as Record<string, unknown>;
  const charged = response.headers.get("x-credit-charged");
  const balance = response.headers.get("x-credit-balance");
  if (response.status !== 200)
    return {
      status: response.status,
      charged,
      balance,
      currency: currency(),
      problem: { code: String(body.code), detail: String(body.detail) },
    };
  return {
    status: 200,
    output: body.output,
    model: String(body.model),
    usage: body.usage as DraftTestResult["usage"],
    charged,
    balance,
    currency: currency(),
  };
}
