// What one playground call came to: its tokens (input, cached input, output), the cost and the new
// balance from the stream's last chunk; or the problem, with the way out (top up, subscribe, keys).
import Link from "next/link";
import type { PlaygroundUsage } from "@/lib/ai/playground/read-playground-stream";
import { money } from "@/components/try-it/try-it-result";

export type Outcome = {
  team: string;
  model: string;
  usage: PlaygroundUsage | null;
  charged: string | null;
  balance: string | null;
  finishReason: string | null;
  requestId: string | null;
};

export type Failure = { status: number; message: string; code: string | null; team: string };

const count = new Intl.NumberFormat("en");

export function PlaygroundResultView({ outcome, currency }: { outcome: Outcome; currency: string }) {
  const charged = money(outcome.charged, currency);
  const balance = money(outcome.balance, currency);
  return (
    <section
      aria-label="Call"
      data-testid="playground-result"
      className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      {outcome.usage ? (
        <p data-testid="playground-tokens" className="text-slate-700">
          Input <strong className="tabular-nums">{count.format(outcome.usage.inputTokens)}</strong> tokens (
          <span className="tabular-nums">{count.format(outcome.usage.cachedInputTokens)}</span> cached) · output{" "}
          <strong className="tabular-nums">{count.format(outcome.usage.outputTokens)}</strong> tokens
        </p>
      ) : (
        <p className="text-slate-600">The stream ended before its usage; the call is settled from what was delivered (see Usage).</p>
      )}
      {charged !== null ? (
        <p data-testid="playground-charge" className="text-slate-700">
          Charged <strong>{charged}</strong>
          {balance !== null ? <> · balance {balance}</> : null}
        </p>
      ) : null}
      {outcome.finishReason === "length" ? (
        <p className="text-amber-800">The answer stopped at the output cap of the team&apos;s plan.</p>
      ) : null}
      {outcome.requestId ? (
        <p className="text-xs text-slate-500">
          <code>{outcome.requestId}</code> ·{" "}
          <Link href={`/${outcome.team}/usage?requestId=${encodeURIComponent(outcome.requestId)}`} className="underline">
            in the request log
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export function PlaygroundFailureView({ failure }: { failure: Failure }) {
  const noAccess = failure.code === "model_not_found" || failure.code === "model_not_allowed" || failure.code === "subscription_required";
  return (
    <div
      role="alert"
      data-testid="playground-error"
      className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <p>
        {failure.status >= 400 ? <strong className="mr-1 font-mono">{failure.status}</strong> : null}
        {failure.message}
      </p>
      {failure.status === 402 ? (
        <p className="mt-1">
          <Link href={`/${failure.team}/billing`} className="font-medium underline">
            Top up the team&apos;s credit
          </Link>
        </p>
      ) : null}
      {noAccess ? (
        <p className="mt-1">
          <Link href={`/${failure.team}/catalog`} className="font-medium underline">
            Subscribe the team to this API
          </Link>{" "}
          or pick a plan that allows this model.
        </p>
      ) : null}
    </div>
  );
}
