// How an AI call is priced, in words and with one worked example on a model of this API, computed by
// the same function the gateway settles with (lib/ai/pricing.ts), so the page cannot drift from it.
import type { ApiModelView } from "@/lib/ai/registry/list-api-models";
import { costOf } from "@/lib/ai/pricing";
import { formatMoney } from "@/lib/money";

const EXAMPLE = { inputTokens: 1_000, cachedInputTokens: 200, outputTokens: 500 };
const count = new Intl.NumberFormat("en");

export function PricingRule({ models, currency }: { models: ApiModelView[]; currency: string }) {
  const example = models.find((model) => model.kind === "CHAT");
  const price = (micros: bigint) => formatMoney(micros, currency, 2);
  return (
    <div className="space-y-3 text-sm text-slate-700" data-testid="pricing-rule">
      <p>
        Each call is charged from the team&apos;s prepaid credit:{" "}
        <strong className="font-medium text-slate-900">
          price = (uncached input × input price + cached input × cached price + output × output price) / 1M + the plan&apos;s fee per
          request
        </strong>
        , rounded up to the micro-unit ({price(1n)}) once per call.
      </p>
      <p>
        Input counts every prompt token, cached ones included; output counts every generated token, reasoning included. Before a call is
        sent, the most it can cost is reserved (the prompt plus the output cap at the output price); when it ends, the exact cost is settled
        and the rest returns to the credit. A call that fails before any output costs nothing. The cost of each call comes back in the{" "}
        <code>X-Credit-Charged</code> and <code>X-Credit-Balance</code> headers, or, when streamed, in a <code>tollgate</code> member of the
        final usage event.
      </p>
      {example ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-slate-600" data-testid="pricing-example">
          Example on <code>{example.publicId}</code>: {count.format(EXAMPLE.inputTokens)} input tokens of which{" "}
          {count.format(EXAMPLE.cachedInputTokens)} cached, and {count.format(EXAMPLE.outputTokens)} output tokens cost (
          {count.format(EXAMPLE.inputTokens - EXAMPLE.cachedInputTokens)} × {price(example.prices.inputPrice)} +{" "}
          {count.format(EXAMPLE.cachedInputTokens)} × {price(example.prices.cachedInputPrice)} + {count.format(EXAMPLE.outputTokens)} ×{" "}
          {price(example.prices.outputPrice)}) / 1M ={" "}
          <strong className="text-slate-900">{price(costOf(EXAMPLE, example.prices, 0n))}</strong>, plus the plan&apos;s fee.
        </p>
      ) : null}
    </div>
  );
}
