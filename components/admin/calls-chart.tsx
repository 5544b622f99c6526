// Calls and errors per UTC day for the admin pages, drawn by the usage pages' server-side SVG chart
// (which also carries the figures as a table for screen readers).
import type { CallsDay } from "@/lib/admin/usage-windows";
import { TimeSeriesChart } from "@/components/usage/time-series-chart";
import { formatCount } from "@/components/usage/usage-format";

export function CallsChart({ id, days, title }: { id: string; days: CallsDay[]; title: string }) {
  const calls = days.reduce((sum, day) => sum + day.requests, 0);
  const errors = days.reduce((sum, day) => sum + day.errors, 0);
  return (
    <TimeSeriesChart
      id={id}
      title={title}
      summary={`${formatCount(calls)} calls and ${formatCount(errors)} errors in ${days.length} days.`}
      at={days.map((day) => new Date(`${day.day}T00:00:00Z`))}
      granularity="day"
      lines={[
        { label: "Calls", color: "#1f57d6", values: days.map((day) => day.requests) },
        { label: "Errors", color: "#dc2626", values: days.map((day) => day.errors), dashed: true },
      ]}
      format={formatCount}
    />
  );
}
