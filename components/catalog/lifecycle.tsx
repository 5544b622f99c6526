// How an API's place in its lifecycle reads in the catalog: a badge on cards, a banner on its page.
import { Badge } from "@/components/ui/card";

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

const formatSunset = (sunsetAt: Date) => day.format(sunsetAt);

export function LifecycleBadge({ status, version, sunsetAt }: { status: string; version: string; sunsetAt?: Date | null }) {
  if (status !== "DEPRECATED") return <Badge tone="green">v{version}</Badge>;
  return <Badge tone="amber">{sunsetAt ? `Deprecated · sunset ${formatSunset(sunsetAt)}` : "Deprecated"}</Badge>;
}

export function DeprecationBanner({ name, sunsetAt }: { name: string; sunsetAt: Date | null }) {
  return (
    <div role="note" className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <strong className="font-semibold">{name} is deprecated.</strong>{" "}
      {sunsetAt
        ? `It stops answering after ${formatSunset(sunsetAt)} (UTC); move your calls to an alternative before then.`
        : "It will be retired; plan to move your calls to an alternative."}{" "}
      It takes no new subscriptions. Calls carry <code>Deprecation</code> and <code>Sunset</code> headers.
    </div>
  );
}
