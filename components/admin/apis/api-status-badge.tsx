import type { ApiStatus } from "@/lib/ui-types";
import { Badge } from "@/components/ui/card";

const TONES = { DRAFT: "slate", PUBLISHED: "green", DEPRECATED: "amber", RETIRED: "red" } as const;

export function ApiStatusBadge({ status }: { status: ApiStatus }) {
  return <Badge tone={TONES[status]}>{status.toLowerCase()}</Badge>;
}
