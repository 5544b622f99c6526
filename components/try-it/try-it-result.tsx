"use client";
// The answer of one try-it call: status, what it cost, the gateway's headers and the body; a 402
// leads to the team's billing page, a 403 about the subscription to the team's catalog.
import Link from "next/link";
import { decimalToMicros, formatMoney } from "@/lib/money";
import type { TryItResult } from "@/lib/try-it/try-it-schema";
import { prettyBody } from "@/components/try-it/request-builder";

function statusTone(status: number): string {
  if (status < 300) return "bg-emerald-100 text-emerald-800";
  if (status < 400) return "bg-sky-100 text-sky-800";
  if (status < 500) return "bg-amber-100 text-amber-800";
  return "bg-red-100 text-red-800";
}

/** An amount as the gateway states it ("0.002000", "-0.500000"), in the currency's format; null when absent. */
export function money(value: string | null | undefined, currency: string): string | null {
  if (value === undefined || value === null) return null;
  try {
    return formatMoney(value.startsWith("-") ? -decimalToMicros(value.slice(1)) : decimalToMicros(value), currency, 2);
  } catch {
    return `${value} ${currency}`;
  }
}

function problemOf(result: TryItResult): { code?: string; detail?: string; topUpUrl?: string } | null {
  if (!result.headers["content-type"]?.includes("problem+json")) return null;
  try {
    return JSON.parse(result.body) as { code?: string; detail?: string; topUpUrl?: string };
  } catch {
    return null;
  }
}

export function TryItResultView({ result, team }: { result: TryItResult; team: string }) {
  const charged = money(result.headers["x-credit-charged"], result.currency);
  const balance = money(result.headers["x-credit-balance"], result.currency);
  const problem = problemOf(result);
  return (
    <section aria-label="Response" data-testid="try-it-result" className="mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span data-testid="try-it-status" className={`rounded px-2 py-0.5 font-mono font-semibold ${statusTone(result.status)}`}>
          {result.status} {result.statusText}
        </span>
        <span className="text-slate-600">{result.latencyMs} ms</span>
        {charged !== null ? (
          <span data-testid="try-it-charge" className="text-slate-700">
            Charged <strong>{charged}</strong>
            {balance !== null ? <> · balance {balance}</> : null}
          </span>
        ) : (
          <span className="text-slate-600">Not charged</span>
        )}
        {result.headers["x-request-id"] ? <code className="text-xs text-slate-500">{result.headers["x-request-id"]}</code> : null}
      </div>

      {problem?.detail ? (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>{problem.detail}</p>
          {result.status === 402 ? (
            <p className="mt-1">
              <Link href={`/${team}/billing`} className="font-medium underline">
                Top up the team&apos;s credit
              </Link>
            </p>
          ) : null}
          {problem.code === "subscription_required" ? (
            <p className="mt-1">
              <Link href={`/${team}/catalog`} className="font-medium underline">
                Subscribe the team to this API
              </Link>{" "}
              to call it.
            </p>
          ) : null}
        </div>
      ) : null}

      <details>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Response headers</summary>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-xs">
          {Object.entries(result.headers).map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-slate-500">{name}</dt>
              <dd className="break-all text-slate-800">{value}</dd>
            </div>
          ))}
        </dl>
      </details>

      <div>
        <p className="text-sm font-medium text-slate-700">Body</p>
        {result.truncated ? <p className="text-xs text-amber-700">The body is longer than 256 KiB; only the start is shown.</p> : null}
        <pre
          tabIndex={0}
          data-testid="try-it-body"
          className="mt-1 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100"
        >
          {result.body ? prettyBody(result.body, result.headers["content-type"]) : "(empty)"}
        </pre>
      </div>
    </section>
  );
}
