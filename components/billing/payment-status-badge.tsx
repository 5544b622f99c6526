import { Badge } from "@/components/ui/card";

const TONES: Record<string, "slate" | "green" | "amber" | "red"> = {
  PAID: "green",
  PENDING: "amber",
  FAILED: "red",
  EXPIRED: "slate",
  REFUNDED: "slate",
  PARTIALLY_REFUNDED: "amber",
};

export function PaymentStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "slate"}>{status.toLowerCase().replace("_", " ")}</Badge>;
}
