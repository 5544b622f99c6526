// Stripe events that changed no balance although they may carry money (unknown team, failures).
import type { UnappliedStripeEvent } from "@/lib/admin/list-unapplied-stripe-events";
import { Badge } from "@/components/ui/card";
import { TableScroll } from "@/components/ui/table-scroll";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function UnappliedEventsTable({ events }: { events: UnappliedStripeEvent[] }) {
  return (
    <TableScroll>
      <table className="w-full text-sm" data-testid="unapplied-stripe-events">
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-4">Received (UTC)</th>
            <th className="py-2 pr-4">Event</th>
            <th className="py-2 pr-4">Outcome</th>
            <th className="py-2">Detail</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.id}>
              <td className="py-2 pr-4 whitespace-nowrap">{dateFormat.format(event.processedAt)}</td>
              <td className="py-2 pr-4">
                <span className="font-mono text-xs">{event.id}</span>
                <div className="text-xs text-slate-500">{event.type}</div>
              </td>
              <td className="py-2 pr-4">
                <Badge tone={event.outcome === "failed" ? "red" : "amber"}>{event.outcome.replace("_", " ")}</Badge>
              </td>
              <td className="py-2 text-slate-600">{event.detail ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
