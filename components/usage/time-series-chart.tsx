// A line chart drawn on the server as SVG: no client code, readable by screen readers (role="img"
// with a title and a summary) and backed by the same figures as a table in a <details>.
import { formatBucket } from "@/components/usage/usage-format";
import type { Granularity } from "@/lib/usage/usage-series";

type ChartLine = { label: string; color: string; values: (number | null)[]; dashed?: boolean };

type Props = {
  id: string;
  title: string;
  /** one sentence for assistive technology, e.g. the totals */
  summary: string;
  at: Date[];
  granularity: Granularity;
  lines: ChartLine[];
  format: (value: number) => string;
  /** a chart in half a row: a narrower drawing, so its text is not scaled down to nothing */
  compact?: boolean;
};

const PAD = { top: 12, right: 12, bottom: 28, left: 64 };

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= max)!;
}

export function TimeSeriesChart({ id, title, summary, at, granularity, lines, format, compact = false }: Props) {
  // The SVG scales with its box; these sizes keep its 11px labels readable at either width.
  const width = compact ? 440 : 960;
  const height = compact ? 220 : 240;
  const max = niceMax(Math.max(0, ...lines.flatMap((line) => line.values.filter((value): value is number => value !== null))));
  const innerWidth = width - PAD.left - PAD.right;
  const innerHeight = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (at.length <= 1 ? innerWidth / 2 : (i * innerWidth) / (at.length - 1));
  const y = (value: number) => PAD.top + innerHeight - (value / max) * innerHeight;
  const ticks = [0, max / 2, max];
  const xTicks = at.length <= 1 ? [0] : [0, Math.floor((at.length - 1) / 2), at.length - 1];

  return (
    <figure data-testid={`chart-${id}`}>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} className="stroke-slate-200" strokeWidth={1} />
            <text x={PAD.left - 8} y={y(tick) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
              {format(tick)}
            </text>
          </g>
        ))}
        {xTicks.map((i) => (
          <text
            key={i}
            x={x(i)}
            y={height - 8}
            textAnchor={i === 0 ? "start" : i === at.length - 1 ? "end" : "middle"}
            className="fill-slate-500 text-[11px]"
          >
            {at[i] ? formatBucket(at[i], granularity) : ""}
          </text>
        ))}
        {lines.map((line) => (
          <path
            key={line.label}
            d={pathOf(line.values, x, y)}
            fill="none"
            stroke={line.color}
            strokeWidth={2}
            strokeDasharray={line.dashed ? "5 4" : undefined}
            strokeLinejoin="round"
          />
        ))}
        {lines.map((line) =>
          // Single points (a lone hour with calls) would not show as a path: mark them.
          line.values.map((value, i) =>
            value !== null && (line.values[i - 1] ?? null) === null && (line.values[i + 1] ?? null) === null ? (
              <circle key={`${line.label}-${i}`} cx={x(i)} cy={y(value)} r={3} fill={line.color} />
            ) : null,
          ),
        )}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        {lines.map((line) => (
          <span key={line.label} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-0.5 w-4" style={{ backgroundColor: line.color }} />
            {line.label}
          </span>
        ))}
      </figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-xs text-slate-600 hover:text-slate-900">Data table: {title.toLowerCase()}</summary>
        <div className="mt-2 max-h-64 overflow-auto">
          <table className="w-full text-left text-xs">
            <thead className="sticky top-0 bg-white text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">
                  {granularity === "hour" ? "Hour (UTC)" : "Day (UTC)"}
                </th>
                {lines.map((line) => (
                  <th key={line.label} scope="col" className="py-1 pr-4 text-right font-medium">
                    {line.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {at.map((moment, i) => (
                <tr key={moment.getTime()}>
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {formatBucket(moment, granularity)}
                  </th>
                  {lines.map((line) => (
                    <td key={line.label} className="py-1 pr-4 text-right tabular-nums">
                      {line.values[i] === null ? "–" : format(line.values[i]!)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** SVG path through the points; a null (no calls, so no latency) breaks the line. */
function pathOf(values: (number | null)[], x: (i: number) => number, y: (value: number) => number): string {
  let d = "";
  let drawing = false;
  values.forEach((value, i) => {
    if (value === null) {
      drawing = false;
      return;
    }
    d += `${drawing ? "L" : "M"}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
    drawing = true;
  });
  return d;
}
