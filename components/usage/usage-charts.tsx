// The three charts of the usage page, from one series: calls and errors, spend, latency p50/p95.
import { formatMoney } from "@/lib/money";
import { deriveStats } from "@/lib/usage/usage-stats";
import type { UsageSeries } from "@/lib/usage/usage-series";
import { Card } from "@/components/ui/card";
import { TimeSeriesChart } from "@/components/usage/time-series-chart";
import { formatCount, formatMs } from "@/components/usage/usage-format";

const COLORS = { requests: "#1f57d6", errors: "#dc2626", spend: "#059669", p50: "#7c3aed", p95: "#ea580c" };

export function UsageCharts({ series, currency }: { series: UsageSeries; currency: string }) {
  const at = series.points.map((point) => point.at);
  const derived = series.points.map((point) => deriveStats(point.stats));
  const totals = series.totals;
  const totalDerived = deriveStats(totals);
  const money = (micros: number) => formatMoney(BigInt(Math.round(micros)), currency);
  const per = series.granularity === "hour" ? "per hour (UTC)" : "per day (UTC)";
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card
        title="Calls and errors"
        description={`Calls ${per}; errors are calls answered with status 400 or above.`}
        className="lg:col-span-2"
      >
        <TimeSeriesChart
          id="calls"
          title="Calls and errors over time"
          summary={`${formatCount(totals.requests)} calls and ${formatCount(totals.errors)} errors in the range.`}
          at={at}
          granularity={series.granularity}
          format={(value) => formatCount(Math.round(value))}
          lines={[
            { label: "Calls", color: COLORS.requests, values: series.points.map((point) => point.stats.requests) },
            { label: "Errors", color: COLORS.errors, values: series.points.map((point) => point.stats.errors), dashed: true },
          ]}
        />
      </Card>
      <Card title="Spend" description={`Charges minus refunds ${per}.`}>
        <TimeSeriesChart
          id="spend"
          title="Spend over time"
          summary={`${formatMoney(totalDerived.spend, currency)} spent in the range.`}
          at={at}
          granularity={series.granularity}
          format={money}
          compact
          lines={[{ label: "Spend", color: COLORS.spend, values: derived.map((point) => Number(point.spend)) }]}
        />
      </Card>
      <Card title="Latency" description="p50 and p95, estimated from latency buckets; gaps where there were no calls.">
        <TimeSeriesChart
          id="latency"
          title="Latency p50 and p95 over time"
          summary={`Over the range, p50 about ${formatMs(totalDerived.p50Ms)} and p95 about ${formatMs(totalDerived.p95Ms)}.`}
          at={at}
          granularity={series.granularity}
          format={formatMs}
          compact
          lines={[
            { label: "p50", color: COLORS.p50, values: derived.map((point) => point.p50Ms) },
            { label: "p95", color: COLORS.p95, values: derived.map((point) => point.p95Ms), dashed: true },
          ]}
        />
      </Card>
    </div>
  );
}
